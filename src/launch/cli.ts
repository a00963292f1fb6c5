#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";
import { runChunks } from "./chunks.js";
import { openCompileCache } from "./compile-cache.js";

// dist/newsmirror.cjs, the command: V8's flags, then the program (src/cli.ts, built as
// dist/cli-main.cjs) through the bundle's loader with the compile cache.

// A run is a batch job on what may be a small machine: less time and memory at exit and in GC.
// Why each flag: bench/RESULTS.md, "V8 flags for a batch job". Set before anything is compiled,
// since V8 takes a code cache only under the flags it was made with.
setFlagsFromString("--liftoff-only");
setFlagsFromString("--semi-space-growth-factor=1");
setFlagsFromString("--heap-growing-percent=50");
// V8 drops the bytecode of functions not run for a while; the compile cache, written at exit,
// would then lack what the run did first (reading the config, the requests), which is what
// every later run does too. A run's bytecode is a few MB at most.
setFlagsFromString("--no-flush-bytecode");

/** Set by scripts/bundle.mjs: the hash of the chunks this launcher runs. */
declare const NEWSMIRROR_BUILD: string;

/** The command a run is, for the compile cache: its first word that is not an option. */
function commandOf(args: readonly string[]): string {
  const word = args.find((arg) => !arg.startsWith("-"));
  if (word === undefined) return args.length === 0 ? "none" : "options";
  return /^[a-z-]{1,30}$/.test(word) ? word : "other";
}

runChunks(
  __dirname,
  "cli-main.cjs",
  openCompileCache({
    build: NEWSMIRROR_BUILD,
    env: process.env,
    command: commandOf(process.argv.slice(2)),
  }),
);
