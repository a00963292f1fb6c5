import { runChunks } from "./chunks.js";

// dist/rerender-worker.cjs: the rerender worker (src/pipeline/rerender-worker.ts, built as
// dist/worker-main.cjs) through the bundle's loader. Without the compile cache: the worker is
// terminated, so it has no exit at which to write one.
runChunks(__dirname, "worker-main.cjs", undefined);
