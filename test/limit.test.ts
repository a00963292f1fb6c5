import { describe, expect, it } from "vitest";
import { limiter, mapLimit, TaskPool } from "../src/limit.js";

/** A write that finishes when the test says so. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("task pool", () => {
  it("keeps at most `limit` writes in flight and finishes them all on drain", async () => {
    const started: string[] = [];
    const done: string[] = [];
    let inFlight = 0;
    let most = 0;
    const write = async (path: string) => {
      started.push(path);
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      done.push(path);
    };
    const pool = new TaskPool(3);
    for (let i = 0; i < 10; i++) await pool.add(() => write(`p${i}`));
    await pool.drain();
    expect(most).toBe(3);
    expect(started).toEqual(Array.from({ length: 10 }, (_, i) => `p${i}`));
    expect(done.sort()).toEqual([...started].sort());
  });

  it("throws the first failure from the next add, and from drain", async () => {
    const first = gate();
    const write = async (path: string) => {
      if (path === "bad") {
        await first.opened;
        throw new Error("disk full");
      }
    };
    const pool = new TaskPool(2);
    await pool.add(() => write("bad"));
    first.open();
    await pool.add(() => write("b"));
    await expect(pool.add(() => write("c"))).rejects.toThrow("disk full");
    await expect(pool.drain()).rejects.toThrow("disk full");
  });

  it("throws a failure of the last writes from drain", async () => {
    const pool = new TaskPool();
    await pool.add(() => Promise.reject(new Error("EIO")));
    await expect(pool.drain()).rejects.toThrow("EIO");
  });
});

describe("limiter", () => {
  it("runs at most `size` tasks at once, the others in the order they came", async () => {
    const run = limiter(2);
    const order: number[] = [];
    let inFlight = 0;
    let most = 0;
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        run(async () => {
          most = Math.max(most, ++inFlight);
          await new Promise((resolve) => setTimeout(resolve, 1));
          order.push(i);
          inFlight--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(order.slice(2)).toEqual([2, 3, 4]);
  });

  it("frees the slot of a task that throws", async () => {
    const run = limiter(1);
    await expect(run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(run(async () => "next")).resolves.toBe("next");
  });
});

describe("mapLimit", () => {
  it("keeps the order of the inputs, whatever order the tasks end in", async () => {
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const out = await mapLimit([3, 1, 2], 3, async (n) => {
      await wait(n * 5);
      return n * 10;
    });
    expect(out).toEqual([30, 10, 20]);
  });
});
