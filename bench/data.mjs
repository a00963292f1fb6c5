// Synthetic, news-shaped data from a fixed seed: the same bytes on every run.

/** mulberry32: a tiny PRNG, so the data never depends on Math.random. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HAN =
  "普京抵达北京展示威权盟友的团结俄罗斯总统弗拉基米尔周四对中国进行为期两天国事访问在军继续乌克兰发动新攻势之际这显示了";
const WORDS =
  "the president arrived in beijing on thursday for a two day state visit as troops pressed a new offensive".split(
    " ",
  );

function sentence(rand, cjk) {
  const n = 12 + Math.floor(rand() * 30);
  if (cjk)
    return Array.from({ length: n }, () => HAN[Math.floor(rand() * HAN.length)]).join("") + "。";
  return Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(" ") + ".";
}

/** One article body of about `size` bytes: paragraphs over several source lines, a few images. */
export function body(rand, size) {
  const parts = [`<div><small style="color: #999;">${sentence(rand, true)}</small></div>`];
  let images = 1 + Math.floor(rand() * 4);
  let length = parts[0].length;
  while (length < size) {
    const cjk = rand() < 0.6;
    let p = `<p>${sentence(rand, cjk)}\n        ${sentence(rand, cjk)}<br />\n<br />\n${sentence(rand, cjk)}</p>`;
    if (images > 0 && rand() < 0.3) {
      images--;
      p += `\n      <img src="https://gdb.example-news.com/${Math.floor(rand() * 1e9)}_w900.jpg" width="100%">`;
    }
    parts.push(p);
    length += Buffer.byteLength(p);
  }
  return parts.join("\n      ");
}

/** The image proxy every benchmark converts with (the default one). */
export const PROXY = { imageProxy: "https://images.weserv.nl?url={url}", knownProxies: [] };

/** `count` bodies between 2 and 20 KB, `size` at a time: only one chunk need be in memory. */
export function* bodyChunks(seed, count, size) {
  const rand = prng(seed);
  for (let done = 0; done < count; done += size) {
    const n = Math.min(size, count - done);
    yield Array.from({ length: n }, () => body(rand, 2048 + Math.floor(rand() * 18 * 1024)));
  }
}

/** `count` bodies between 2 and 20 KB. */
export function bodies(seed, count) {
  return [...bodyChunks(seed, count, count)].flat();
}

function escapeCdata(html) {
  return html.replace(/]]>/g, "]]]]><![CDATA[>");
}

/** An RSS feed of `items` items, numbered from `from`. */
export function feed(seed, name, items, from = 0) {
  const rand = prng(seed);
  const entries = [];
  for (let i = from; i < from + items; i++) {
    const date = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toUTCString();
    entries.push(`<item><title>${name} ${i}: ${sentence(rand, i % 2 === 0).slice(0, 40)}</title>
<link>https://news.example.com/${name}/${i}.html</link><guid>${name}-${i}</guid><pubDate>${date}</pubDate>
<content:encoded><![CDATA[${escapeCdata(body(rand, 2048 + Math.floor(rand() * 18 * 1024)))}]]></content:encoded></item>`);
  }
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${name}</title><link>https://news.example.com/</link>
${entries.join("\n")}
</channel></rss>`;
}
