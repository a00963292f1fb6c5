import { existsSync, readFileSync, statSync } from "node:fs";
import { copyFile, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { expect } from "vitest";
import { readShard } from "../../src/writer/index-file.js";
import { runCli } from "./cli.js";
import { fixture } from "./paths.js";

/** A stored body no converter would let through: the site's CSP must stop it alone. */
export const PLANTED_BODY =
  '<div><i>Tue, 30 Apr 2024 23:30:00 GMT</i></div><p id="planted">A planted body.</p><script>window.__xss(1)</script><img src="data:," onerror="window.__xss(2)"><a href="javascript:window.__xss(3)">x</a>';

export interface SiteArchive {
  out: string;
  /** The item file (relative to `out`) whose body was replaced by PLANTED_BODY. */
  planted: string;
}

/**
 * Four feeds fetched from fixtures into `{dir}/archive` (Chinese, English, Persian with its
 * language in the config, Hebrew told by its script), times shown in Asia/Shanghai, and one
 * stored body replaced by a script, as a tampered archive would have it.
 */
export async function siteArchive(dir: string, extra: object = {}): Promise<SiteArchive> {
  const feeds = [
    { id: "voa", file: "voa-putin.rss", title: "VOA 中文" },
    { id: "world", file: "site/world.rss" },
    { id: "farsi", file: "site/farsi.rss", language: "fa" },
    { id: "hebrew", file: "site/hebrew.rss" },
  ];
  for (const f of feeds) await copyFile(fixture(f.file), join(dir, f.file.replace("site/", "")));
  const config = {
    out: "archive",
    timezone: "Asia/Shanghai",
    feeds: feeds.map(({ id, file, ...rest }) => ({ id, url: file.replace("site/", ""), ...rest })),
    ...extra,
  };
  await writeFile(join(dir, "newsmirror.json"), JSON.stringify(config));
  const run = await runCli(["fetch"], { cwd: dir, sourceDateEpoch: "1716000000" });
  expect(run.stderr).toBe("");
  const out = join(dir, "archive");
  const [april] = await readShard(out, "2024-04");
  const planted = april?.path ?? "";
  const file = join(out, planted);
  const lines = (await readFile(file, "utf8")).split("\n");
  lines[4] = PLANTED_BODY;
  await writeFile(file, lines.join("\n"));
  return { out, planted };
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
};

/** Serves the files under `root` at `{url}{prefix}` on loopback, as a static host would. */
export async function serveFolder(root: string, prefix: string) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    const rel = path.startsWith(prefix) ? normalize(path.slice(prefix.length)) : "..";
    const file = join(root, rel);
    if (rel.startsWith("..") || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
