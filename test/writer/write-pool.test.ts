import { describe, expect, it } from "vitest";
import { WritePool } from "../../src/writer/write-pool.js";

/** A write that finishes when the test says so. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("write pool", () => {
  it("keeps at most `limit` writes in flight and finishes them all on drain", async () => {
    const started: string[] = [];
    const done: string[] = [];
    let inFlight = 0;
    let most = 0;
    const pool = new WritePool(async (path) => {
      started.push(path);
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      done.push(path);
    }, 3);
    for (let i = 0; i < 10; i++) await pool.add(`p${i}`, "x");
    await pool.drain();
    expect(most).toBe(3);
    expect(started).toEqual(Array.from({ length: 10 }, (_, i) => `p${i}`));
    expect(done.sort()).toEqual([...started].sort());
  });

  it("throws the first failure from the next add, and from drain", async () => {
    const first = gate();
    const pool = new WritePool(async (path) => {
      if (path === "bad") {
        await first.opened;
        throw new Error("disk full");
      }
    }, 2);
    await pool.add("bad", "x");
    first.open();
    await pool.add("b", "x");
    await expect(pool.add("c", "x")).rejects.toThrow("disk full");
    await expect(pool.drain()).rejects.toThrow("disk full");
  });

  it("throws a failure of the last writes from drain", async () => {
    const pool = new WritePool(() => Promise.reject(new Error("EIO")));
    await pool.add("a", "x");
    await expect(pool.drain()).rejects.toThrow("EIO");
  });
});
