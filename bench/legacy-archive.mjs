// A synthetic archive in the older mirrors' layouts, from a fixed seed: duty-machine's
// articles/<site>/<id>.md (line 1 in ms, images behind the old proxy), the first generation's
// files with a 日期： line and no line 1, and Jekyll _posts with YAML front matter and the HTML
// itself. One in fifty articles is stored twice (another id, the same link).
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { bodyChunks } from "./data.mjs";

const SITES = ["BBC", "德国之声", "法广", "VOA"];
const CHUNK = 1000;

function article(i, html) {
  const published = Date.UTC(2019, 0, 1) + i * 900_000;
  const link = `https://news.example.com/${i % SITES.length}/${i}.html`;
  const title = `第${i}号报道：普京抵达北京 [更新]`;
  const proxied = html.replace(/src="https:\/\//g, 'src="https://images.weserv.nl/?url=');
  switch (i % 5) {
    case 0:
      return {
        path: join("_posts", `${new Date(published).toISOString().slice(0, 10)}-${i}.md`),
        text: `---\nlayout: post\ntitle: "${title}"\ndate: ${new Date(published).toISOString()}\nfrom: ${link}\ncategories: [ news ]\n---\n\n${html}\n`,
      };
    case 1:
      return {
        path: join("articles", SITES[i % SITES.length], `${i}_第${i}号报道.md`),
        text: `[${title.replace(/[[\]]/g, "\\$&")}](${link})\n------\n日期：${new Date(published).toUTCString()}\n\n${html}\n`,
      };
    default:
      return {
        path: join("articles", SITES[i % SITES.length], `${i}.md`),
        text: `<!--${published}-->\n[${title.replace(/[[\]]/g, "\\$&")}](${link})\n------\n\n${proxied}\n`,
      };
  }
}

/** Writes `count` files (duplicates included) under `root`; returns how many it wrote. */
export async function legacyArchive(root, count, seed = 13) {
  let written = 0;
  let i = 0;
  const dirs = new Set();
  for (const chunk of bodyChunks(seed, count, CHUNK)) {
    for (const html of chunk) {
      if (written >= count) break;
      const one = article(i, html);
      const files = [one];
      // Every fiftieth article again under another id: same link, a shorter body.
      if (i % 50 === 7 && written + 1 < count)
        files.push({ ...one, path: one.path.replace(/(\d+)(_[^/]*)?\.md$/, "$1-copy.md") });
      for (const file of files) {
        const dir = join(root, file.path, "..");
        if (!dirs.has(dir)) await mkdir(dir, { recursive: true });
        dirs.add(dir);
        await writeFile(join(root, file.path), file.text);
        written++;
      }
      i++;
    }
  }
  return written;
}
