// The floor of the fetch benchmark: download the same feeds with undici, same concurrency.
import { Agent, request } from "undici";

const [base, count, concurrency] = [
  process.argv[2],
  Number(process.argv[3]),
  Number(process.argv[4]),
];
const agent = new Agent({ connections: concurrency });
let next = 0;
let bytes = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      const res = await request(`${base}/f${String(i).padStart(2, "0")}.xml`, {
        dispatcher: agent,
      });
      const body = await res.body.arrayBuffer();
      bytes += body.byteLength; // after the await: `bytes +=` across it would lose updates
    }
  }),
);
await agent.close();
process.stdout.write(`${bytes}\n`);
