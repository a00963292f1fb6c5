/**
 * SHA-256 of `data` (a string as UTF-8). Node's crypto is loaded on the first hash, not when a
 * module that hashes is: its modules are a large part of start-up, and a run where nothing
 * changed hashes nothing (bench/RESULTS.md, "Issue 11, 2026-12-03, evening").
 */
export function sha256(data: string | Uint8Array): Buffer {
  return process.getBuiltinModule("node:crypto").createHash("sha256").update(data).digest();
}
