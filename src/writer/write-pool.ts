/**
 * Keeps a few writes in flight while a scan goes on: item writes are fsynced, and one at a time
 * they would take far longer than the reads. The first failure is thrown by the next add or by
 * drain, as an awaited write would have thrown it.
 */
export class WritePool {
  private readonly pending = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly write: (path: string, text: string) => Promise<void>,
    private readonly limit = 16,
  ) {}

  async add(path: string, text: string): Promise<void> {
    while (this.pending.size >= this.limit) await Promise.race(this.pending);
    this.check();
    const write: Promise<void> = this.write(path, text)
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
    this.check();
  }

  private check() {
    if (this.failure) throw this.failure.error;
  }
}
