// The program, built as dist/cli-main.cjs and run by the launcher, dist/newsmirror.cjs
// (src/launch/cli.ts), which has set V8's flags.

// undici 7 marks its decompress interceptor (src/fetcher/http/client.ts) experimental with a
// process warning on first use. A cron job's stderr is for problems, so that one is not printed.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  if (String(warning).includes("DecompressInterceptor is experimental")) return;
  (emitWarning as (warning: string | Error, ...rest: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

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
    // Not performance.now(): its first use loads perf_hooks, a dozen modules, for one clock.
    monotonic: () => Number(process.hrtime.bigint()) / 1e6,
  });
}

// `--version` alone needs nothing but the version: not commander, zod or any command.
const args = process.argv.slice(2);
// Not top-level await: the bundle is CommonJS (src/launch/chunks.ts).
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  void import("./cli/version.js").then(({ VERSION }) => console.log(VERSION));
} else {
  void run(args).then((code) => void (process.exitCode = code));
}
