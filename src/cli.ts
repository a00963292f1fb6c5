#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";

// undici parses HTTP with llhttp compiled to WebAssembly. V8 would recompile it in the background
// with its optimizing tier, and the process waits for that work at exit: ~100 ms and ~35 MB RSS
// on every run, the hourly all-304 run included. The baseline tier parses feeds just as fast
// (measured with the benchmark's download floor). Set before undici is first loaded.
setFlagsFromString("--liftoff-only");
// A run is a batch job on what may be a small machine. V8's defaults let the young generation
// grow to 48 MB and the old one quadruple before collecting: a 5,000-item fetch, whose live heap
// after a full collection is ~25 MB, peaked at ~210 MB RSS, all of it garbage. A young generation
// kept at its first size and the old one grown by half at a time bring that to ~130 MB, for no
// CPU time we could measure (bench/RESULTS.md).
setFlagsFromString("--semi-space-growth-factor=1");
setFlagsFromString("--heap-growing-percent=50");

// On a terminal the live status line sits on stderr; clear it before any ordinary line.
let statusShown = false;
const clearStatus = () => {
  if (statusShown) process.stderr.write("\r\x1b[K");
  statusShown = false;
};

async function run(argv: string[]): Promise<number> {
  const [{ main }, { buffer }, { colorAllowed }] = await Promise.all([
    import("./cli/program.js"),
    import("node:stream/consumers"),
    import("./cli/output.js"),
  ]);
  return main(argv, {
    cwd: process.cwd(),
    sourceDateEpoch: process.env.SOURCE_DATE_EPOCH,
    isTTY: Boolean(process.stderr.isTTY),
    color: colorAllowed(Boolean(process.stderr.isTTY), process.env),
    out: (line) => {
      clearStatus();
      console.log(line);
    },
    err: (line) => {
      clearStatus();
      console.error(line);
    },
    status: (line) => {
      clearStatus();
      if (line) process.stderr.write(line);
      statusShown = line !== "";
    },
    readStdin: async () => new Uint8Array(await buffer(process.stdin)),
    wallClock: () => Date.now(),
    monotonic: () => performance.now(),
  });
}

// `--version` alone needs nothing but the version: not commander, zod or any command.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  const { VERSION } = await import("./cli/version.js");
  console.log(VERSION);
} else {
  process.exitCode = await run(args);
}
