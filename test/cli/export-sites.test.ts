import { execFile, execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { decodeHTML } from "entities";
import { describe, expect, it } from "vitest";
import { htmlText } from "../../src/text/html-text.js";
import { markdownTitleToText } from "../../src/text/markdown-title.js";
import { parseItem } from "../../src/writer/item-file.js";
import { snapshot } from "../helpers/archive.js";
import { runCli } from "../helpers/cli.js";
import { fixture, withTempDir } from "../helpers/paths.js";

/** The generators the export is for, when installed (.ci/run installs Debian's). */
function installed({ command, probe }: { command: string; probe: string }): boolean {
  try {
    execFileSync(command, [probe], { stdio: "ignore" });
    return true;
  } catch {
    console.warn(`NOTICE: ${command} is absent (apt-get install ${command}): skipping its build`);
    return false;
  }
}

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>H</title><link>https://news.example/</link>
${[
  ['He said "no": yes', "<p>Para <del>old</del> and <strong>bold</strong></p>"],
  ["---", "<table><tr><th>h</th></tr><tr><td>cell</td></tr></table>"],
  ["yes", "<p>他说<strong>“不行”</strong>然后走了。&lt;script&gt;alert(1)&lt;/script&gt;</p>"],
  [
    "1.0: a # comment",
    '<p>AT&amp;amp;T &amp;copy; a &lt; b</p><img src="https://news.example/i.jpg">',
  ],
]
  .map(
    ([title, body], i) =>
      `<item><title>${title!.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</title><link>https://news.example/a/${i}</link><guid>g${i}</guid><pubDate>Wed, 01 May 2024 0${i}:00:00 GMT</pubDate><description><![CDATA[${body}]]></description></item>`,
  )
  .join("\n")}
</channel></rss>`;

/** Each generator: its minimal site around the export, how to build it, where pages land. */
const GENERATORS = [
  {
    style: "jekyll",
    command: "jekyll",
    probe: "--version",
    files: {
      "_config.yml": "title: t\nmarkdown: kramdown\nkramdown:\n  input: GFM\n",
      "_layouts/post.html":
        '<h1>{{ page.title | xml_escape }}</h1><time>{{ page.date | date_to_xmlschema }}</time><a class="src" href="{{ page.from }}">src</a>{{ content }}\n',
    },
    build: ["build", "--quiet", "--safe"],
    pages: "_site",
  },
  {
    style: "hugo",
    command: "hugo",
    probe: "version",
    files: {
      "config.toml":
        'baseURL = "https://mirror.example/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n[markup.goldmark.renderer]\nunsafe = true\n',
      "layouts/_default/single.html":
        '<h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}</time><a class="src" href="{{ with .Params.params }}{{ .source }}{{ end }}">src</a>{{ .Content }}\n',
      "layouts/_default/list.html": "{{ range .Pages }}{{ .Title }}{{ end }}\n",
    },
    build: ["--quiet"],
    pages: "public",
  },
] as const;

function run(command: string, args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(command, args, { cwd, timeout: 240_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command}: ${stderr || error.message}`)) : resolve(stdout),
    ),
  );
}

const present = GENERATORS.filter(installed);
for (const { command } of GENERATORS.filter((g) => !present.includes(g)))
  console.warn(
    `NOTICE: ${command} is absent (apt-get install ${command}): skipping its export build`,
  );

describe.skipIf(present.length === 0)(
  "the export, built by the real generators",
  { tags: ["slow"] },
  () => {
    it.each(present)(
      "$command builds a page per article: title, date, source, text and images as stored",
      ({ style, files, build, pages, command }) =>
        withTempDir(async (dir) => {
          await writeFile(join(dir, "h.rss"), FEED);
          const out = join(dir, "archive");
          await runCli(["fetch", fixture("voa-putin.rss"), join(dir, "h.rss"), "--out", out]);
          const site = join(dir, "site");
          for (const [path, text] of Object.entries(files)) {
            await mkdir(join(site, path, ".."), { recursive: true });
            await writeFile(join(site, path), text);
          }
          const exported = await runCli([
            "export",
            "markdown",
            "--out",
            out,
            "--to",
            site,
            "--front-matter",
            style,
          ]);
          expect(exported.code).toBe(0);
          await run(command, build, site);

          const built = Object.entries(await snapshot(join(site, pages))).filter(([, html]) =>
            html.includes('class="src"'),
          );
          const items = Object.entries(await snapshot(out))
            .filter(([path]) => /\/[0-9a-f]{16}\.txt$/.test(path))
            .map(([path, text]) => parseItem(text, path));
          expect(built).toHaveLength(items.length);
          for (const item of items) {
            const page = built.find(([, html]) => html.includes(`class="src" href="${item.link}"`));
            expect(page, item.link).toBeDefined();
            const html = page![1];
            expect(decodeHTML(/<h1>(.*?)<\/h1>/s.exec(html)![1]!)).toBe(
              markdownTitleToText(item.title),
            );
            expect(Date.parse(/<time>(.*?)<\/time>/.exec(html)![1]!)).toBe(item.published);
            const body = htmlText(item.body.replace(/^<div><i>[^<]*<\/i><\/div>/, ""));
            const text = htmlText(html);
            for (const word of body
              .split(/\s+/)
              .filter((w) => w.length > 1)
              .slice(0, 30))
              expect(text).toContain(word);
            for (const [, src] of item.body.matchAll(/<img [^>]*src="(https:[^"]+)"/g))
              expect(html).toContain(`src="${src}"`);
            expect(html).not.toMatch(/<script/i);
          }
        }),
    );
  },
);
