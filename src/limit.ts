/**
 * The one concurrency helper: a limiter (at most `size` tasks at once, the rest wait in
 * order), and the two shapes the pipelines use it in.
 */
export interface Limiter {
  /** Runs `task` once a slot is free. */
  <T>(task: () => Promise<T>): Promise<T>;
  /** Waits for a slot and holds it until `release` is called. */
  acquire(): Promise<() => void>;
}

export function limiter(size: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  const acquire = async () => {
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      active--;
      waiting.shift()?.();
    };
  };
  const run = async <T>(task: () => Promise<T>): Promise<T> => {
    const release = await acquire();
    try {
      return await task();
    } finally {
      release();
    }
  };
  return Object.assign(run, { acquire });
}

/** `fn` over `inputs`, at most `size` at once; the results in the order of the inputs. */
export function mapLimit<T, R>(
  inputs: readonly T[],
  size: number,
  fn: (input: T) => Promise<R>,
): Promise<R[]> {
  const run = limiter(size);
  return Promise.all(inputs.map((input) => run(() => fn(input))));
}

/**
 * Tasks run in the background, at most `size` at once, while the caller goes on (rerender's
 * writes while its scan reads): `add` returns once the task has started, so the caller never
 * runs ahead by more than `size`. The first failure is thrown by the next `add` or by `drain`,
 * as an awaited task would have thrown it.
 */
export class TaskPool {
  private readonly slots: Limiter;
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(size = 16) {
    this.slots = limiter(size);
  }

  async add(task: () => Promise<void>): Promise<void> {
    const release = await this.slots.acquire();
    if (this.failure) {
      release();
      throw this.failure.error;
    }
    const running: Promise<void> = task()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => {
        release();
        this.running.delete(running);
      });
    this.running.add(running);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
    if (this.failure) throw this.failure.error;
  }
}
