/**
 * Names a feed id may not take, because the archive (or the site and the exports made from it)
 * uses them for itself: a feed called `index` would write its items into the index folder. One
 * table for the config, the command line, `init` and `import`; add a row when a stage claims a
 * new name at the archive's root. Compared case-insensitively: macOS and Windows file systems
 * treat `README.md` and `readme.md` as one file.
 */
export const RESERVED_FEED_IDS: readonly { name: string; reason: string }[] = [
  { name: "index", reason: "the archive's index folder" },
  { name: "readme.md", reason: "the archive's front page" },
  { name: "days", reason: "the folder of the daily lists" },
  { name: "site", reason: "the default folder of the static site" },
  { name: "feed.xml", reason: "the archive's Atom feed" },
  { name: "node_modules", reason: "a folder that tools ignore" },
  { name: "index.html", reason: "the static site's front page" },
  { name: "search.html", reason: "the static site's search page" },
  { name: "feeds.html", reason: "the static site's list of every feed" },
  { name: "search.json", reason: "the static site's search index" },
  { name: "search-index.js", reason: "the static site's search index" },
  { name: "style.css", reason: "the static site's stylesheet" },
];

/** Device names Windows refuses as file names, whatever the extension (a clone there fails). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/** Why `id` cannot name a feed, or undefined when it can. */
export function reservedIdReason(id: string): string | undefined {
  const lower = id.toLowerCase();
  const row = RESERVED_FEED_IDS.find((r) => r.name === lower);
  if (row) return `"${id}" is reserved: it is ${row.reason}`;
  if (id.startsWith("."))
    return `"${id}" starts with ".": such names are kept for tools (.git, .newsmirror)`;
  if (WINDOWS_DEVICE.test(id))
    return `"${id}" is a device name on Windows, where no file can have it`;
  return undefined;
}
