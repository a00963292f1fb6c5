// The benchmark's second reference row: the stand-in of the last round (rss-parser + turndown),
// kept so that figures stay comparable with earlier rounds. The primary reference is
// bench/duty-machine-job.mjs, our model of the older mirror's real job (duty-machine/news, whose
// `node perform.js` runs hourly from GitHub Actions and commits what it wrote). This stand-in
// was written before that code could be read: our guess at the job from its archive, with the
// libraries such a mirror is built on (rss-parser, turndown). Every run downloads and parses
// every feed again (no conditional requests), converts each article not yet on disk to Markdown
// (the real job does not) and writes it as its own file (plain writeFile, no fsync), then
// rebuilds each feed's list from its folder's names. Feeds are handled all at once.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const Parser = require("rss-parser");
const TurndownService = require("turndown");

const [base, out, count] = [process.argv[2], process.argv[3], Number(process.argv[4])];
const parser = new Parser();
const turndown = new TurndownService();
const names = Array.from({ length: count }, (_, i) => `f${String(i).padStart(2, "0")}`);

await Promise.all(
  names.map(async (name) => {
    const feed = await parser.parseURL(`${base}/${name}.xml`);
    const dir = join(out, "articles", name);
    mkdirSync(dir, { recursive: true });
    for (const item of feed.items) {
      const id = /\/(\d+)\.html$/.exec(item.link)?.[1] ?? item.guid;
      const title = item.title.replace(/[/\\:*?"<>|\s]+/g, " ").trim();
      const file = join(dir, `${id}_${title}.md`);
      if (existsSync(file)) continue;
      const markdown = turndown.turndown(item["content:encoded"] ?? item.content ?? "");
      writeFileSync(file, `# [${item.title}](${item.link})\n\n${markdown}\n`);
    }
    const list = readdirSync(dir)
      .filter((f) => f.endsWith(".md") && f !== "README.md")
      .sort()
      .map((f) => `- [${f.slice(0, -3)}](${encodeURI(f)})`);
    writeFileSync(join(dir, "README.md"), `# ${name}\n\n${list.join("\n")}\n`);
  }),
);
