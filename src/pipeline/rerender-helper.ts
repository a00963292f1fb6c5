import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from "node:worker_threads";
import type { ConvertOptions } from "../converter/convert.js";
import { fromPlainError } from "../errors.js";
import { rerenderFile, type Outcome } from "./rerender-file.js";
import type { FeedOptions } from "./rerender-months.js";
import type { Job, Reply, WorkerSetup } from "./rerender-worker.js";

/** Files per message: fewer messages, yet little for the main thread to wait for at the end. */
const BATCH = 8;
/** Batches queued at the worker: enough that it never idles, few enough to bound memory. */
const IN_FLIGHT = 3;

/** Files converted on the main thread alone before a worker is started to share the work. */
const WORKER_AFTER = 1000;

type Handler = (path: string, outcome: Outcome) => void;

/**
 * Where rerender converts files: on this thread, and once a scan has seen WORKER_AFTER files,
 * also on a worker (why not at once: bench/RESULTS.md, "The rerender worker"). Outcomes reach
 * `handle` in no fixed order; callers sort what they report.
 */
export class Conversions {
  private helper: RerenderHelper | undefined;
  private scanned = 0;

  constructor(private readonly options: FeedOptions) {}

  convert(file: { feed: string; path: string }, bytes: Uint8Array, handle: Handler): void {
    if (++this.scanned === WORKER_AFTER)
      this.helper = RerenderHelper.start(this.options.byFeed, this.options.fallback);
    this.helper?.collect(handle);
    if (this.helper?.hasRoom()) {
      this.helper.send({ feed: file.feed, path: file.path, bytes: new Uint8Array(bytes) });
    } else {
      handle(file.path, this.here(file.feed, file.path, bytes));
    }
  }

  /** Waits for every file sent to the worker (or converts here what a dead worker left). */
  async drain(handle: Handler): Promise<void> {
    await this.helper?.drain(handle, (job) => this.here(job.feed, job.path, job.bytes));
  }

  /** Files the worker converted (0 when none started): so a test can tell that it ran. */
  get byWorker(): number {
    return this.helper?.answered ?? 0;
  }

  async close(): Promise<void> {
    await this.helper?.close();
  }

  private here(feed: string, path: string, bytes: Uint8Array): Outcome {
    return rerenderFile(bytes, path, this.options.byFeed.get(feed) ?? this.options.fallback);
  }
}

/**
 * A second thread for the CPU part of rerender (decode, parse, convert, render, compare); the
 * main thread keeps reading files and converts whatever the worker has no room for, so both
 * cores stay busy. The scan does not yield to the event loop between files, so replies come
 * through receiveMessageOnPort, and the wait for the last ones through Atomics.wait.
 */
export class RerenderHelper {
  private batch: Job[] = [];
  /** The batches sent and not yet answered, oldest first (replies keep their order). */
  private sent: Job[][] = [];
  /** Set once the worker is gone (out of memory, killed): what it had left is done here. */
  private gone = false;
  /** Files whose outcome came back from the worker. */
  answered = 0;

  /**
   * A helper, or none: one core gains nothing, and sources run by tests have no worker file.
   * The worker is the bundle's launcher beside the chunks (dist/rerender-worker.cjs), or tsc's
   * module beside this one (dist/pipeline/rerender-worker.js, which the benchmark and a test use).
   */
  static start(
    options: ReadonlyMap<string, ConvertOptions>,
    fallback: ConvertOptions,
  ): RerenderHelper | undefined {
    if (availableParallelism() < 2) return undefined;
    const url = ["./rerender-worker.cjs", "./rerender-worker.js"]
      .map((name) => new URL(name, import.meta.url))
      .find((file) => existsSync(fileURLToPath(file)));
    return url && new RerenderHelper(url, options, fallback);
  }

  private readonly port: MessagePort;
  private readonly replies = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;

  private constructor(
    url: URL,
    options: ReadonlyMap<string, ConvertOptions>,
    fallback: ConvertOptions,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const setup: WorkerSetup = {
      port: port2,
      replies: this.replies,
      options: [...options],
      fallback,
    };
    this.worker = new Worker(url, {
      workerData: setup,
      transferList: [port2],
      // Small heaps (bench/RESULTS.md, "The rerender worker"); a worker that runs out anyway
      // leaves its files to this thread.
      resourceLimits: {
        maxYoungGenerationSizeMb: 8,
        maxOldGenerationSizeMb: 64,
      },
    });
    const gone = () => (this.gone = true);
    this.worker.on("error", gone).on("exit", gone);
  }

  hasRoom(): boolean {
    return !this.gone && (this.batch.length > 0 || this.sent.length < IN_FLIGHT);
  }

  /** Queues a file; `bytes` must be its own copy. */
  send(job: Job): void {
    this.batch.push(job);
    if (this.batch.length === BATCH) this.flush();
  }

  /** Hands the replies that have come to `handle`, in the order the files were sent. */
  collect(handle: Handler): void {
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const jobs = this.sent.shift() ?? [];
      const reply = m.message as Reply;
      // As on the main thread, a failure past parsing (a bug) ends the run.
      if ("error" in reply) throw fromPlainError(reply.error);
      this.answered += reply.outcomes.length;
      reply.outcomes.forEach((outcome, i) => handle((jobs[i] as Job).path, outcome));
    }
  }

  /**
   * Sends what is queued and hands on every outcome; files a dead worker never answered go
   * through `here` on this thread instead.
   */
  async drain(handle: Handler, here: (job: Job) => Outcome): Promise<void> {
    this.flush();
    while (this.sent.length > 0) {
      const seen = Atomics.load(this.replies, 0);
      this.collect(handle);
      if (this.sent.length === 0) break;
      if (Atomics.wait(this.replies, 0, seen, 200) !== "timed-out") continue;
      // Let the event loop run, so that a worker that died is noticed rather than waited for.
      await new Promise((resolve) => setImmediate(resolve));
      if (!this.gone) continue;
      this.collect(handle);
      for (const job of this.sent.flat()) handle(job.path, here(job));
      this.sent = [];
    }
  }

  async close(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    // Copied, not transferred: should the worker die, its files are still here to convert.
    this.worker.postMessage(this.batch);
    this.sent.push(this.batch);
    this.batch = [];
  }
}
