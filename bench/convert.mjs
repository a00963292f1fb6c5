// The convert benchmark, in its own process so that its peak RSS is convert's: convert() against
// htmlparser2's bare tokenizer over the same bodies, made 1,000 at a time from a fixed seed.
// Each chunk is timed twice for each side, the faster run kept: the machine is shared and noisy.
import { setFlagsFromString } from "node:v8";
import { Tokenizer } from "htmlparser2";
import { convert } from "../dist/converter/convert.js";
import { bodyChunks, PROXY } from "./data.mjs";

// The heap settings the CLI runs with (src/cli.ts), so the peak is the one a fetch would see.
setFlagsFromString("--semi-space-growth-factor=1");
setFlagsFromString("--heap-growing-percent=50");

const count = Number(process.argv[2]);
const noop = new Proxy({}, { get: () => () => undefined });
const floor = (chunk) => {
  for (const b of chunk) {
    const t = new Tokenizer({}, noop);
    t.write(b);
    t.end();
  }
};
const ours = (chunk) => {
  for (const [i, b] of chunk.entries())
    convert(
      {
        published: i,
        title: "t",
        titleFormat: "html",
        link: "https://news.example.com/a",
        html: b,
      },
      PROXY,
    );
};
const time = (fn, chunk) => {
  const t = performance.now();
  fn(chunk);
  return (performance.now() - t) / 1000;
};
let [bytes, floorS, oursS] = [0, 0, 0];
for (const chunk of bodyChunks(1, count, 1000)) {
  if (bytes === 0) {
    floor(chunk);
    ours(chunk); // warm both up before timing
  }
  bytes += chunk.reduce((n, b) => n + Buffer.byteLength(b), 0);
  floorS += Math.min(time(floor, chunk), time(floor, chunk));
  oursS += Math.min(time(ours, chunk), time(ours, chunk));
}
process.stdout.write(`${JSON.stringify({ bodies: count, mb: bytes / 1e6, floorS, oursS })}\n`);
