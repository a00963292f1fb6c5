import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import type { ConvertOptions } from "../converter/convert.js";
import { toPlainError, type PlainError } from "../errors.js";
import { rerenderFile, type Outcome } from "./rerender-file.js";

export interface WorkerSetup {
  /** Replies go here; the main thread reads them without waiting for its event loop. */
  port: MessagePort;
  /** Counts replies sent, so the main thread can sleep until one comes (Atomics.wait). */
  replies: Int32Array;
  options: [feed: string, options: ConvertOptions][];
  fallback: ConvertOptions;
}

export interface Job {
  feed: string;
  path: string;
  bytes: Uint8Array;
}

export type Reply = { outcomes: Outcome[] } | { error: PlainError };

if (parentPort) {
  const setup = workerData as WorkerSetup;
  const options = new Map(setup.options);
  parentPort.on("message", (jobs: Job[]) => {
    let reply: Reply;
    try {
      reply = {
        outcomes: jobs.map((job) =>
          rerenderFile(job.bytes, job.path, options.get(job.feed) ?? setup.fallback),
        ),
      };
    } catch (error) {
      reply = { error: toPlainError(error) };
    }
    setup.port.postMessage(reply);
    Atomics.add(setup.replies, 0, 1);
    Atomics.notify(setup.replies, 0);
  });
}
