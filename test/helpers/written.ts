import { writeFile } from "node:fs/promises";
import { join } from "node:path";

const HOUR = 3_600_000;

/**
 * An RSS feed of `count` items spanning three months, one every 17 hours back from its newest,
 * and `newer` more after those (a later run's new items); `offset` staggers two feeds' times.
 */
function feedXml(name: string, count: number, newer: number, offset: number): string {
  const newest = Date.UTC(2024, 2, 1, 20) + offset;
  const items = Array.from({ length: count + newer }, (_, k) => {
    const i = k - newer;
    const date = new Date(newest - i * 17 * HOUR).toUTCString();
    const body = `<p>${name} ${i} 新闻 <a href="https://news.example/x">link</a></p><img src="https://news.example/${i}.jpg">`;
    return `<item><title>${name} *${i}* &amp; co</title><link>https://news.example/${name}/${i}</link><pubDate>${date}</pubDate><description><![CDATA[${body}]]></description></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${name} news</title><link>https://news.example/</link>${items.join("")}</channel></rss>`;
}

/** Writes a.rss and b.rss into `dir` (`newer`: that many later items in a); returns dir/out. */
export async function twoFeeds(dir: string, count: number, newer = 0): Promise<string> {
  await writeFile(join(dir, "a.rss"), feedXml("a", count, newer, 0));
  await writeFile(join(dir, "b.rss"), feedXml("b", count, 0, 5 * HOUR));
  return join(dir, "out");
}

/** The lists and Atom feeds of an archive's snapshot: every file but items, index and state. */
export function lists(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files).filter(
      ([path]) => /(^|\/)(README\.md|feed\.xml)$/.test(path) || path.startsWith("days/"),
    ),
  );
}
