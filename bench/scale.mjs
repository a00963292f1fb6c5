// 10,000 feeds on one machine (issue 12): a first fetch unsharded and as 4 shards one after
// another (then `index`), the all-304 run, and `index` alone, against floors of the same run.
import { readFile, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join } from "node:path";
import { body, prng } from "./data.mjs";

const SHARDS = 4;
const CONCURRENCY = 8;

/** Feed i: `items` entries with small bodies (~1 KB: the count, not the bytes, is the load). */
function smallFeed(i, items) {
  const rand = prng(1000 + i);
  const name = `f${String(i).padStart(2, "0")}`;
  const entries = [];
  for (let j = 0; j < items; j++) {
    const date = new Date(Date.UTC(2024, 0, 1) + (i * items + j) * 60_000).toUTCString();
    entries.push(`<item><title>${name} ${j}</title>
<link>https://news${i % 97}.example.com/${name}/${j}.html</link><guid>${name}-${j}</guid><pubDate>${date}</pubDate>
<description><![CDATA[${body(rand, 800)}]]></description></item>`);
  }
  return Buffer.from(`<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Outlet ${i}</title><link>https://news${i % 97}.example.com/</link>
${entries.join("\n")}
</channel></rss>`);
}

async function server(feeds, items) {
  const bodies = Array.from({ length: feeds }, (_, i) => smallFeed(i, items));
  const s = createServer((req, res) => {
    const i = Number(/\/f(\d+)\.xml/.exec(req.url ?? "")?.[1] ?? -1);
    if (!bodies[i]) return void res.writeHead(404).end();
    const etag = `"s${i}"`;
    if (req.headers["if-none-match"] === etag) return void res.writeHead(304).end();
    res.writeHead(200, { "content-type": "application/rss+xml", etag }).end(bodies[i]);
  });
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  return { close: () => s.close(), base: `http://127.0.0.1:${s.address().port}` };
}

const round = (ms) => Math.round(ms);
const ratio = (a, b) => +(a / b).toFixed(2);

/** `tools`: run.mjs's child, checked, cli and here. */
export async function benchScale(dir, feeds, items, tools) {
  const { child, checked, cli, here, log } = tools;
  const { close, base } = await server(feeds, items);
  try {
    const config = join(dir, "scale.json");
    const list = Array.from({ length: feeds }, (_, i) => {
      const id = `f${String(i).padStart(2, "0")}`;
      return { id, url: `${base}/${id}.xml` };
    });
    const http = { concurrency: CONCURRENCY, perHost: CONCURRENCY, retries: 0 };
    await writeFile(config, JSON.stringify({ http, feeds: list }));
    const fetch = (out, ...more) => [
      cli,
      "fetch",
      "--config",
      config,
      "--out",
      out,
      "--quiet",
      ...more,
    ];
    const env = { SOURCE_DATE_EPOCH: "1767225600" };
    log(`scale: download floor, ${feeds} feeds`);
    const floor = checked(
      await child([join(here, "fetch-floor.mjs"), base, String(feeds), String(CONCURRENCY)]),
      "scale floor",
    );
    const whole = join(dir, "scale-whole");
    log(`scale: unsharded fetch, ${feeds} × ${items}`);
    const first = checked(await child(fetch(whole), env), "scale fetch");
    log("scale: all 304");
    const again = checked(
      await child(["--import", join(here, "count-opens.mjs"), ...fetch(whole)], env),
      "scale 304",
    );
    const read = checked(await child([join(here, "read-floor.mjs"), whole]), "scale read floor");
    log("scale: index");
    const index = checked(await child([cli, "index", "--out", whole], env), "scale index");
    const sharded = join(dir, "scale-sharded");
    const shards = [];
    for (let k = 1; k <= SHARDS; k++) {
      log(`scale: shard ${k}/${SHARDS}`);
      const run = checked(await child(fetch(sharded, "--shard", `${k}/${SHARDS}`), env), "shard");
      shards.push({ ms: round(run.ms), rssMb: run.rssMb });
    }
    const final = checked(await child([cli, "index", "--out", sharded], env), "shards' index");
    const front = await readFile(join(whole, "README.md"), "utf8");
    const same = front === (await readFile(join(sharded, "README.md"), "utf8"));
    return {
      feeds,
      items: feeds * items,
      floorMs: round(floor.ms),
      fetch: { ms: round(first.ms), rssMb: first.rssMb, cpu: first.cpu },
      fetchRatio: ratio(first.ms, floor.ms),
      all304: {
        ms: round(again.ms),
        rssMb: again.rssMb,
        itemFilesRead: Number(/item-files-read (\d+)/.exec(again.stderr)?.[1]),
      },
      all304Ratio: ratio(again.ms, floor.ms),
      shards,
      shardsMs: shards.reduce((n, s) => n + s.ms, 0),
      shardsRatio: ratio(
        shards.reduce((n, s) => n + s.ms, 0),
        floor.ms,
      ),
      shardIndex: { ms: round(final.ms), rssMb: final.rssMb },
      index: { ms: round(index.ms), rssMb: index.rssMb },
      readFloorMs: round(read.ms),
      indexRatio: ratio(index.ms, read.ms),
      frontPageBytes: (await stat(join(whole, "README.md"))).size,
      shardedFrontPageSame: same,
    };
  } finally {
    close();
  }
}

export function scaleRows(s) {
  if (!s) return [];
  const mb = (r) => `peak ${r.rssMb?.toFixed(0)} MB`;
  const perShard = s.shards.map((r, i) => `${i + 1}: ${r.ms} ms, ${mb(r)}`).join("; ");
  return [
    `| fetch ${s.feeds} feeds × ${s.items / s.feeds} items, empty archive, unsharded | ${s.fetch.ms} ms, ${mb(s.fetch)} | undici download ${s.floorMs} ms | ${s.fetchRatio}× | memory flat in feeds |`,
    `| same, as ${s.shards.length} shards one after another (--shard K/${s.shards.length}), then index | ${perShard}; index ${s.shardIndex.ms} ms, ${mb(s.shardIndex)} | the download ${s.floorMs} ms | ${s.shardsRatio}× (shards' sum) | front page equal: ${s.shardedFrontPageSame} |`,
    `| second fetch of those ${s.feeds} feeds, all 304 | ${s.all304.ms} ms, ${s.all304.itemFilesRead} item files read, ${mb(s.all304)} | the download ${s.floorMs} ms | ${s.all304Ratio}× | 0 files |`,
    `| index, ${s.items} items in ${s.feeds} feeds | ${s.index.ms} ms, ${mb(s.index)} | read all ${s.readFloorMs} ms | ${s.indexRatio}× | linear; front page ${Math.round(s.frontPageBytes / 1024)} KB |`,
  ];
}
