// npm run bench [-- --quick] [-- --json] [-- --write] [-- --only=startup,older,scale,…]: speed and memory against floors measured
// in the same run. Figures are ratios to those floors: the machine is shared and noisy.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { convert } from "../dist/converter/convert.js";
import { renderItem } from "../dist/writer/item-file.js";
import { itemHash, itemRelPath } from "../dist/writer/layout.js";
import { bodies, feed, PROXY } from "./data.mjs";
import { legacyArchive } from "./legacy-archive.mjs";
import { benchScale, scaleRows } from "./scale.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, "..", "dist", "newsmirror.cjs");
const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
const SIZES = quick ? [2_000, 6_000, 20_000] : [10_000, 30_000, 100_000];
const CONVERT_BODIES = quick ? 4_000 : 20_000;
const IMPORT_SIZES = quick ? [2_000, 10_000] : [10_000, 100_000];
const FEEDS = 50;
/** 10,000 feeds × 10 items on one machine (issue 12); --quick: a tenth. */
const SCALE_FEEDS = quick ? 1_000 : 10_000;
const SCALE_ITEMS = 10;
const ITEMS = 100;
const CONCURRENCY = 8;
/** Item files written at once by the writer before the journal (two feeds, four items each). */
const IN_FLIGHT = 8;
const results = {
  date: new Date().toISOString().slice(0, 10),
  cores: cpus().length,
  node: process.version,
  quick,
};

const log = (line) => process.stderr.write(`${line}\n`);

/**
 * Runs node with `argv` in a child process: wall time, and from /usr/bin/time its peak RSS and
 * CPU seconds in user space and in the kernel (for file writes, the kernel's share is large).
 */
function child(argv, env = {}) {
  const timed = existsSync("/usr/bin/time");
  const [cmd, list] = timed
    ? ["/usr/bin/time", ["-f", "maxrss %M user %U sys %S", process.execPath, ...argv]]
    : [process.execPath, argv];
  const started = performance.now();
  return new Promise((resolve) => {
    const p = spawn(cmd, list, { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("close", (code) => {
      const ms = performance.now() - started;
      const [, rss, user, sys] = /maxrss (\d+) user ([\d.]+) sys ([\d.]+)/.exec(stderr) ?? [];
      const cpu = user === undefined ? undefined : { userS: Number(user), sysS: Number(sys) };
      resolve({ code, ms, rssMb: rss ? Number(rss) / 1024 : undefined, cpu, stdout, stderr });
    });
  });
}

function checked(run, what) {
  if (run.code !== 0) throw new Error(`${what} exited ${run.code}: ${run.stderr.slice(-500)}`);
  return run;
}

async function benchConvert() {
  const run = checked(await child([join(here, "convert.mjs"), String(CONVERT_BODIES)]), "convert");
  const { bodies, mb, floorS, oursS } = JSON.parse(run.stdout);
  results.convert = {
    bodies,
    mb: +mb.toFixed(1),
    itemsPerS: Math.round(bodies / oursS),
    mbPerS: +(mb / oursS).toFixed(1),
    floorMbPerS: +(mb / floorS).toFixed(1),
    ratioToFloor: +(floorS / oursS).toFixed(2),
    rssMb: run.rssMb,
  };
}

async function feedServer() {
  // Two more than the fetch uses: the hourly runs' feeds (archive's, site's), new to the big archive.
  const feeds = Array.from({ length: FEEDS + 2 }, (_, i) =>
    feed(100 + i, `f${String(i).padStart(2, "0")}`, ITEMS),
  );
  const server = createServer((req, res) => {
    const i = Number(/\/f(\d+)\.xml/.exec(req.url ?? "")?.[1] ?? -1);
    if (!feeds[i]) return void res.writeHead(404).end();
    const etag = `"f${i}"`;
    if (req.headers["if-none-match"] === etag) return void res.writeHead(304).end();
    res.writeHead(200, { "content-type": "application/rss+xml", etag }).end(feeds[i]);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

async function fetchConfig(dir, base, numbers = [...Array(FEEDS).keys()], name = "newsmirror") {
  const file = join(dir, `${name}.json`);
  const feeds = numbers.map((i) => ({
    id: `f${String(i).padStart(2, "0")}`,
    url: `${base}/f${String(i).padStart(2, "0")}.xml`,
  }));
  await writeFile(
    file,
    JSON.stringify({ http: { concurrency: CONCURRENCY, perHost: CONCURRENCY }, feeds }),
  );
  return file;
}

/** Median of the runs by wall time (the all-304 run is short, so one run is mostly noise). */
function median(runs) {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
}

/** A fetch that counts the item files it opens (they must be none: dedupe reads names only). */
async function countedFetch(argv, what) {
  return checked(await child(["--import", join(here, "count-opens.mjs"), ...argv]), what);
}

const itemFilesRead = (run) => Number(/item-files-read (\d+)/.exec(run.stderr)?.[1]);

const fetchArgv = (config, out) => [cli, "fetch", "--config", config, "--out", out, "--quiet"];

/**
 * The same fetch again three times, every feed answering 304, counting item files read: the
 * figure is the median run, the files read the most any run read.
 */
async function fetch304(config, out) {
  const again = [];
  for (let i = 0; i < 3; i++) again.push(await countedFetch(fetchArgv(config, out), "304 fetch"));
  return { ...median(again), read: Math.max(...again.map(itemFilesRead)) };
}

/**
 * Three rounds of: a fetch into an empty archive, then its items written again by the two write
 * floors. The disk's speed swings by several times within minutes, so each figure is a median.
 */
async function benchFetch(dir, base) {
  const config = await fetchConfig(dir, base);
  const floor = checked(
    await child([join(here, "fetch-floor.mjs"), base, String(FEEDS), String(CONCURRENCY)]),
    "fetch floor",
  );
  const [fetches, plains, safes] = [[], [], []];
  const writeFloor = async (out, mode, round) => {
    const to = join(dir, `write-floor-${mode}-${round}`);
    const argv = [join(here, "write-floor.mjs"), out, to, mode, String(IN_FLIGHT)];
    const write = checked(await child(argv), `write floor (${mode})`);
    return { ...write, ms: Number(write.stdout.split(" ")[1]) };
  };
  for (let round = 0; round < 3; round++) {
    const out = join(dir, `fetch-archive-${round}`);
    fetches.push(checked(await child(fetchArgv(config, out)), "fetch"));
    plains.push(await writeFloor(out, "plain", round));
    safes.push(await writeFloor(out, "per-file-fsync", round));
  }
  const [first, plain, safe] = [median(fetches), median(plains), median(safes)];
  const all304 = await fetch304(config, join(dir, "fetch-archive-0"));
  results.fetch = {
    feeds: FEEDS,
    items: FEEDS * ITEMS,
    ms: Math.round(first.ms),
    floorMs: Math.round(floor.ms),
    ratioToFloor: +(first.ms / floor.ms).toFixed(2),
    cpu: first.cpu,
    plainWriteMs: plain.ms,
    plainWriteCpu: plain.cpu,
    ratioToDownloadAndPlainWrite: +(first.ms / (floor.ms + plain.ms)).toFixed(2),
    writeFloorMs: safe.ms,
    writeFloorCpu: safe.cpu,
    ratioToBothFloors: +(first.ms / (floor.ms + safe.ms)).toFixed(2),
    rssMb: Math.max(...fetches.map((f) => f.rssMb ?? 0)),
    all304Ms: Math.round(all304.ms),
    all304Cpu: all304.cpu,
    all304ItemFilesRead: all304.read,
    all304RssMb: all304.rssMb,
  };
}

/** Start-up: `node -e 0` against `newsmirror --version`, medians of 11 runs each, interleaved. */
async function benchStartup() {
  const [bare, version] = [[], []];
  for (let i = 0; i < 11; i++) {
    bare.push(checked(await child(["-e", "0"]), "node -e 0"));
    version.push(checked(await child([cli, "--version"]), "--version"));
  }
  const [b, v] = [median(bare), median(version)];
  results.startup = {
    nodeMs: Math.round(b.ms),
    nodeRssMb: b.rssMb,
    versionMs: Math.round(v.ms),
    versionRssMb: v.rssMb,
    ratio: +(v.ms / b.ms).toFixed(2),
  };
}

/**
 * The older mirror's own job, OLDER_FEEDS feeds of ITEMS articles: a first run into an empty
 * folder and a run where nothing changed, three rounds each, interleaved, for newsmirror and two
 * references: bench/duty-machine-job.mjs, our model of the older mirror's real job (the primary
 * reference, which the targets are against), and bench/older-mirror.mjs, the stand-in of the
 * last round (kept so that figures stay comparable with earlier rounds). Medians by wall time.
 */
const OLDER_FEEDS = 7;

const cpuSeconds = (cpu) => (cpu ? cpu.userS + cpu.sysS : undefined);

/** newsmirror's runs against a reference's: wall time, CPU (user + kernel) and peak RSS. */
function olderRatios(r, ref) {
  const ratio = (a, b) => (a === undefined || b === undefined ? undefined : +(a / b).toFixed(2));
  const [first, again] = [r[`${ref}First`], r[`${ref}Again`]];
  return {
    firstRatio: ratio(r.oursFirst.ms, first.ms),
    firstCpuRatio: ratio(cpuSeconds(r.oursFirst.cpu), cpuSeconds(first.cpu)),
    againRatio: ratio(r.oursAgain.ms, again.ms),
    againCpuRatio: ratio(cpuSeconds(r.oursAgain.cpu), cpuSeconds(again.cpu)),
    rssRatio: ratio(
      Math.max(r.oursFirst.rssMb, r.oursAgain.rssMb),
      Math.max(first.rssMb, again.rssMb),
    ),
  };
}

async function benchOlder(dir, base) {
  const config = await fetchConfig(dir, base, [...Array(OLDER_FEEDS).keys()], "older-job");
  const references = { model: "duty-machine-job.mjs", standIn: "older-mirror.mjs" };
  const runs = Object.fromEntries(
    ["model", "standIn", "ours"]
      .flatMap((n) => [`${n}First`, `${n}Again`])
      .concat("oursAgainCold")
      .map((k) => [k, []]),
  );
  for (let round = 0; round < 3; round++) {
    for (const [name, script] of Object.entries(references)) {
      const argv = [join(here, script), base, join(dir, `${name}-${round}`), String(OLDER_FEEDS)];
      runs[`${name}First`].push(checked(await child(argv), script));
      runs[`${name}Again`].push(checked(await child(argv), script));
    }
    const ours = fetchArgv(config, join(dir, `older-job-ours-${round}`));
    runs.oursFirst.push(checked(await child(ours), "fetch (older job)"));
    runs.oursAgain.push(checked(await child(ours), "fetch (older job)"));
    // The same with nothing cached: the first run after an install or an upgrade.
    const cold = { NEWSMIRROR_COMPILE_CACHE: "off" };
    runs.oursAgainCold.push(checked(await child(ours, cold), "fetch (older job, no cache)"));
  }
  const pick = (list) => {
    const m = median(list);
    return { ms: Math.round(m.ms), cpu: m.cpu, rssMb: Math.max(...list.map((r) => r.rssMb ?? 0)) };
  };
  const r = Object.fromEntries(Object.entries(runs).map(([k, list]) => [k, pick(list)]));
  results.older = {
    feeds: OLDER_FEEDS,
    items: ITEMS,
    ...r,
    ...olderRatios(r, "model"),
    standIn: olderRatios(r, "standIn"),
    againColdRatio: +(r.oursAgainCold.ms / r.modelAgain.ms).toFixed(2),
  };
}

/** Grows the archive to `size` items with converted synthetic items, written directly. */
async function growArchive(out, from, to) {
  const input = bodies(7 + from, to - from);
  for (let i = from; i < to; i++) {
    const published = Date.UTC(2020, 0, 1) + i * 600_000;
    const item = convert(
      {
        published,
        title: `Item ${i}`,
        titleFormat: "html",
        link: `https://news.example.com/${i}.html`,
        html: input[i - from],
      },
      PROXY,
    );
    const path = join(
      out,
      itemRelPath(
        `f${String(i % FEEDS).padStart(2, "0")}`,
        published,
        itemHash(`item-${i}`),
        "txt",
      ),
    );
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, renderItem(item));
  }
}

/** The big archive's folder and its size; `benchArchive` grows it, `benchSite` reuses it. */
const big = { out: "", items: 0 };

async function benchArchive(dir, base) {
  const out = (big.out = join(dir, "big-archive"));
  results.archive = [];
  let have = 0;
  for (const size of SIZES) {
    log(`archive: growing to ${size} items`);
    await growArchive(out, have, size);
    have = big.items = size;
    const floor = checked(await child([join(here, "read-floor.mjs"), out]), "read floor");
    const index = checked(await child([cli, "index", "--out", out]), "index");
    const check = checked(
      await child([cli, "rerender", "--check", "--out", out]),
      "rerender --check",
    );
    results.archive.push({
      items: size,
      floorMs: Math.round(floor.ms),
      indexMs: Math.round(index.ms),
      indexRatio: +(index.ms / floor.ms).toFixed(2),
      indexUsPerItem: Math.round((index.ms * 1000) / size),
      indexRssMb: index.rssMb,
      checkMs: Math.round(check.ms),
      checkRatio: +(check.ms / floor.ms).toFixed(2),
      checkUsPerItem: Math.round((check.ms * 1000) / size),
      checkRssMb: check.rssMb,
      floorUsPerItem: Math.round((floor.ms * 1000) / size),
    });
  }
  // The hourly cron case: 50 feeds that all answer 304, on the largest archive.
  const config = await fetchConfig(dir, base);
  checked(await child(fetchArgv(config, out)), "fetch");
  const again = await fetch304(config, out);
  results.big304 = {
    archiveItems: have + FEEDS * ITEMS,
    ms: Math.round(again.ms),
    itemFilesRead: again.read,
    rssMb: again.rssMb,
  };
  // The hourly cron case with news: one feed brings 100 new items to the largest archive, so
  // the run updates its month shards and the lists.
  const one = await fetchConfig(dir, base, [FEEDS], "hourly");
  const hourly = await countedFetch(fetchArgv(one, out), "hourly fetch");
  big.items = results.big304.archiveItems + ITEMS;
  results.hourly = {
    archiveItems: results.big304.archiveItems,
    newItems: ITEMS,
    ms: Math.round(hourly.ms),
    itemFilesRead: itemFilesRead(hourly),
    rssMb: hourly.rssMb,
  };
}

/**
 * `newsmirror site` over the big archive (grown here when `archive` did not run): a full build
 * into an empty folder against the floor of reading and writing plainly the same files; a run
 * with nothing changed; and after an hourly fetch of 100 new items, the incremental update.
 */
async function benchSite(dir, base) {
  if (!big.out) {
    big.out = join(dir, "big-archive");
    const size = SIZES.at(-1);
    log(`site: growing the archive to ${size} items`);
    await growArchive(big.out, 0, size);
    checked(await child([cli, "index", "--out", big.out]), "index");
    big.items = size;
  }
  const to = join(dir, "site");
  const siteArgv = [cli, "site", "--out", big.out, "--to", to];
  const counts = (run) => {
    const [, pages, written, , read] =
      /(\d+) files?, (\d+) written, (\d+) removed, (\d+) item/.exec(run.stdout) ?? [];
    return { pages: Number(pages), written: Number(written), itemsRead: Number(read) };
  };
  log(`site: full build of ${big.items} items`);
  const full = checked(await child(siteArgv), "site (full)");
  const floorRun = checked(
    await child([join(here, "site-floor.mjs"), to, join(dir, "site-floor")]),
    "site floor",
  );
  const [files, floorMs, bytes] = floorRun.stdout.trim().split(" ").map(Number);
  await rm(join(dir, "site-floor"), { recursive: true, force: true });
  const again = checked(await child(siteArgv), "site (nothing changed)");
  const one = await fetchConfig(dir, base, [FEEDS + 1], "site-hourly");
  checked(await child(fetchArgv(one, big.out)), "hourly fetch (site)");
  const hourly = checked(await child(siteArgv), "site (after an hourly run)");
  const pick = (run) => ({
    ms: Math.round(run.ms),
    cpu: run.cpu,
    rssMb: run.rssMb,
    ...counts(run),
  });
  results.site = {
    archiveItems: big.items,
    files,
    mb: +(bytes / 1e6).toFixed(0),
    floorMs,
    full: pick(full),
    fullRatio: +(full.ms / floorMs).toFixed(2),
    again: pick(again),
    hourly: { ...pick(hourly), newItems: ITEMS },
  };
  await rm(to, { recursive: true, force: true });
}

/**
 * Import over synthetic archives in the older layouts, against the floor of reading the same
 * files and writing as many through the writer's journal. Each size gets fresh folders, removed
 * afterwards (100,000 files of 2–20 KB are ~1 GB each way).
 */
async function benchImport(dir) {
  results.import = [];
  for (const size of IMPORT_SIZES) {
    const src = join(dir, `legacy-${size}`);
    log(`import: writing ${size} files in the older layouts`);
    await legacyArchive(src, size);
    const floorRun = checked(
      await child([join(here, "import-floor.mjs"), src, join(dir, `import-floor-${size}`)]),
      "import floor",
    );
    const floorMs = Number(floorRun.stdout.split(" ")[1]);
    const run = checked(
      await child([cli, "import", src, "--out", join(dir, `imported-${size}`)]),
      "import",
    );
    const counts = /(\d+) files? read: (\d+) imported, (\d+) merged/.exec(run.stdout);
    // A change of wording must stop the run, not print NaN in the table.
    if (!counts) throw new Error(`import printed no counts: ${run.stdout.slice(-300)}`);
    const [, files, imported, merged] = counts;
    results.import.push({
      files: Number(files),
      imported: Number(imported),
      merged: Number(merged),
      ms: Math.round(run.ms),
      cpu: run.cpu,
      floorMs,
      ratio: +(run.ms / floorMs).toFixed(2),
      usPerFile: Math.round((run.ms * 1000) / size),
      floorUsPerFile: Math.round((floorMs * 1000) / size),
      rssMb: run.rssMb,
      floorRssMb: floorRun.rssMb,
    });
    for (const name of [src, `import-floor-${size}`, `imported-${size}`])
      await rm(join(dir, name), { recursive: true, force: true });
  }
}

const cpuText = (cpu) => (cpu ? ` (CPU: user ${cpu.userS} s, kernel ${cpu.sysS} s)` : "");

function importRows() {
  return (results.import ?? []).map(
    (i) =>
      `| import ${i.files} older-layout files (${i.imported} items, ${i.merged} merged) | ${i.ms} ms (${i.usPerFile} µs/file)${cpuText(i.cpu)}, peak ${i.rssMb?.toFixed(0)} MB | read + write as many ${i.floorMs} ms (${i.floorUsPerFile} µs/file) | ${i.ratio}× | flat per file, < 200 MB |`,
  );
}

function siteRows() {
  const t = results.site;
  if (!t) return [];
  const figure = (r) =>
    `${r.ms} ms${cpuText(r.cpu)}, ${r.written} pages written, ${r.itemsRead} item files read, peak ${r.rssMb?.toFixed(0)} MB`;
  return [
    `| site, full build of a ${t.archiveItems}-item archive (${t.full.pages} pages, ${t.mb} MB) | ${figure(t.full)} | read + plain write of the same ${t.files} files ${t.floorMs} ms | ${t.fullRatio}× | ≤ 3×, < 200 MB |`,
    `| site, nothing changed | ${figure(t.again)} | | ${(t.again.ms / t.floorMs).toFixed(2)}× the floor | seconds, < 200 MB |`,
    `| site, after an hourly run with ${t.hourly.newItems} new items | ${figure(t.hourly)} | | ${(t.hourly.ms / t.floorMs).toFixed(2)}× the floor | seconds, < 200 MB |`,
  ];
}

/** The older job's rows: both references, then newsmirror against the model (and the stand-in). */
function olderRows(o) {
  if (!o) return [];
  const job = `${o.feeds} × ${o.items}`;
  const figure = (run) => `${run.ms} ms${cpuText(run.cpu)}, peak ${run.rssMb?.toFixed(0)} MB`;
  const ratios = (wall, cpu) => `${wall}×${cpu === undefined ? "" : `, CPU ${cpu}×`}`;
  const peak = (who) => Math.max(o[`${who}First`].rssMb, o[`${who}Again`].rssMb).toFixed(0);
  const s = o.standIn;
  return [
    `| older mirror's job, our model of duty-machine/news (bench/duty-machine-job.mjs), ${job}: first run (median of 3) | ${figure(o.modelFirst)} | | | (reference) |`,
    `| older mirror's job (model): nothing changed (median of 3) | ${figure(o.modelAgain)} | | | (reference) |`,
    `| stand-in of the last round (rss-parser + turndown, bench/older-mirror.mjs), ${job}: first run (median of 3) | ${figure(o.standInFirst)} | | | (second reference, as in earlier rounds) |`,
    `| stand-in of the last round: nothing changed (median of 3) | ${figure(o.standInAgain)} | | | (second reference) |`,
    `| newsmirror on that job: first run, crash-safe (median of 3) | ${figure(o.oursFirst)} | the model's first run; the stand-in's | ${ratios(o.firstRatio, o.firstCpuRatio)}; stand-in ${ratios(s.firstRatio, s.firstCpuRatio)} | ≤ 0.6× |`,
    `| newsmirror on that job: nothing changed, all 304 (median of 3) | ${figure(o.oursAgain)} | the model's second run; the stand-in's | ${ratios(o.againRatio, o.againCpuRatio)}; stand-in ${ratios(s.againRatio, s.againCpuRatio)} | ≤ 0.2× |`,
    `| the same without the compile cache (\`NEWSMIRROR_COMPILE_CACHE=off\`: a first run after an install) | ${figure(o.oursAgainCold)} | the model's second run | ${o.againColdRatio}× | (reference) |`,
    `| newsmirror on that job: peak RSS | ${peak("ours")} MB | the model ${peak("model")} MB; the stand-in ${peak("standIn")} MB | ${o.rssRatio}×; stand-in ${s.rssRatio}× | ≤ 0.7× |`,
  ];
}

function table() {
  const c = results.convert;
  const f = results.fetch;
  const s = results.startup;
  const o = results.older;
  const head = [
    `newsmirror benchmark, ${results.date}, ${results.cores} cores, Node ${results.node}${quick ? " (quick)" : ""}`,
    "",
    "| measure | figure | floor | ratio | target |",
    "| --- | --- | --- | --- | --- |",
  ];
  if (!c || !f || !s || !o || !results.archive)
    return [
      ...head,
      ...olderRows(o),
      ...importRows(),
      ...siteRows(),
      ...scaleRows(results.scale),
    ].join("\n");
  const rows = [
    ...head,
    `| convert ${c.bodies} bodies (${c.mb} MB) | ${c.itemsPerS} items/s, ${c.mbPerS} MB/s, peak ${c.rssMb?.toFixed(0)} MB | tokenizer ${c.floorMbPerS} MB/s | ${c.ratioToFloor}× the floor's speed | ≥ 0.5× |`,
    `| fetch ${f.feeds} feeds × ${ITEMS} items, empty archive, crash-safe (median of 3, peak of 3) | ${f.ms} ms${cpuText(f.cpu)}, peak ${f.rssMb?.toFixed(0)} MB | undici download ${f.floorMs} ms + plain write ${f.plainWriteMs} ms${cpuText(f.plainWriteCpu)} | ${f.ratioToDownloadAndPlainWrite}× both floors' time (${f.ratioToFloor}× the download's) | ≤ 2× |`,
    `| same items written crash-safe one by one (temp, fsync, link), ${IN_FLIGHT} at once (median of 3) | ${f.writeFloorMs} ms${cpuText(f.writeFloorCpu)} | download + that ${f.floorMs + f.writeFloorMs} ms | fetch at ${f.ratioToBothFloors}× | (reference: the writer before the journal) |`,
    `| second fetch, all 304 (median of 3) | ${f.all304Ms} ms${cpuText(f.all304Cpu)}, ${f.all304ItemFilesRead} item files read, peak ${f.all304RssMb?.toFixed(0)} MB | node -e 0 + download ${s.nodeMs + f.floorMs} ms | ${(f.all304Ms / (s.nodeMs + f.floorMs)).toFixed(2)}× | ≤ 2×, 0 files |`,
    `| newsmirror --version (median of 11) | ${s.versionMs} ms, peak ${s.versionRssMb?.toFixed(0)} MB | node -e 0 ${s.nodeMs} ms, ${s.nodeRssMb?.toFixed(0)} MB | ${s.ratio}× | ≤ 2× |`,
    ...olderRows(o),
  ];
  for (const a of results.archive) {
    rows.push(
      `| index rebuild, ${a.items} items | ${a.indexMs} ms (${a.indexUsPerItem} µs/item), peak ${a.indexRssMb?.toFixed(0)} MB | read all ${a.floorMs} ms (${a.floorUsPerItem} µs/item) | ${a.indexRatio}× | ≤ 2× |`,
    );
    rows.push(
      `| rerender --check, ${a.items} items | ${a.checkMs} ms (${a.checkUsPerItem} µs/item), peak ${a.checkRssMb?.toFixed(0)} MB | read all ${a.floorMs} ms | ${a.checkRatio}× | ≤ 3× |`,
    );
  }
  const b = results.big304;
  rows.push(
    `| fetch, all 304, ${b.archiveItems}-item archive (median of 3) | ${b.ms} ms, ${b.itemFilesRead} item files read, peak ${b.rssMb?.toFixed(0)} MB | | | < 500 ms, 0 files |`,
  );
  const h = results.hourly;
  rows.push(
    `| fetch, one feed with ${h.newItems} new items, ${h.archiveItems}-item archive | ${h.ms} ms, ${h.itemFilesRead} item files read, peak ${h.rssMb?.toFixed(0)} MB | | | (reference) |`,
  );
  rows.push(...importRows(), ...siteRows(), ...scaleRows(results.scale));
  return rows.join("\n");
}

const dir = await mkdtemp(join(tmpdir(), "newsmirror-bench-"));
// newsmirror's compile cache (src/launch/compile-cache.ts) for the benchmark's runs: its own,
// empty at the start, so that the figures never depend on what earlier runs left.
process.env.NEWSMIRROR_COMPILE_CACHE = join(dir, "compile-cache");
const { server, base } = await feedServer();
// `--only=startup,older` runs just those parts (the figures then come as JSON).
const PARTS = {
  convert: () => benchConvert(),
  startup: () => benchStartup(),
  older: () => benchOlder(dir, base),
  fetch: () => benchFetch(dir, base),
  archive: () => benchArchive(dir, base),
  import: () => benchImport(dir),
  site: () => benchSite(dir, base),
  scale: async () => {
    const tools = { child, checked, cli, here, log };
    results.scale = await benchScale(dir, SCALE_FEEDS, SCALE_ITEMS, tools);
  },
};
const only = [...args]
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
try {
  for (const [name, part] of Object.entries(PARTS)) {
    if (only && !only.includes(name)) continue;
    log(`${name}…`);
    await part();
  }
} finally {
  server.close();
  await rm(dir, { recursive: true, force: true });
}
if (args.has("--json") || only) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
else process.stdout.write(`${table()}\n`);
if (args.has("--write") && !only) {
  // The figures are rewritten; the notes below them (from the first "## " heading) are kept.
  const file = join(here, "RESULTS.md");
  const old = existsSync(file) ? await readFile(file, "utf8") : "";
  const notes = old.includes("\n## ") ? old.slice(old.indexOf("\n## ")) : "";
  await writeFile(file, `# Benchmark results\n\n${table()}\n${notes}`);
}
