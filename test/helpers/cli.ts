import { execFile } from "node:child_process";
import { join } from "node:path";
import { main } from "../../src/cli/program.js";
import { repoRoot } from "./paths.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  cwd?: string;
  sourceDateEpoch?: string;
  stdin?: string | Uint8Array;
}

/** Runs the CLI in this process, exactly as bin/newsmirror does, capturing its lines. */
export async function runCli(args: readonly string[], run: CliRun = {}): Promise<CliResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(args, {
    cwd: run.cwd ?? repoRoot,
    sourceDateEpoch: run.sourceDateEpoch,
    isTTY: false,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    readStdin: async () =>
      typeof run.stdin === "string"
        ? new TextEncoder().encode(run.stdin)
        : (run.stdin ?? new Uint8Array()),
    wallClock: () => Date.UTC(2026, 0, 1),
    monotonic: () => performance.now(),
  });
  return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
}

/** The built CLI as it ships (the bundle the test global setup makes) in a child process. */
export const cliPath = join(repoRoot, "dist", "newsmirror.cjs");

export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
