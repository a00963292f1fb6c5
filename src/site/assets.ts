import { createHash } from "node:crypto";

/**
 * The site's own files besides its pages: one stylesheet (system fonts, no web font, no
 * framework) and the search page's script. The script is inline and allowed by the search
 * page's CSP through its SHA-256, so no other inline script can run there.
 */
export const STYLE_FILE = "style.css";
export const SEARCH_PAGE = "search.html";
/** The titles, as JSON, for the search page over http(s)… */
export const SEARCH_JSON = "search.json";
/** …and the same JSON as a script, for file://, where a page may not fetch() files. */
export const SEARCH_SCRIPT_DATA = "search-index.js";
export const SEARCH_GLOBAL = "newsmirrorSearch";

export const STYLE = `:root {
  color-scheme: light dark;
  --fg: #1b1b1b; --bg: #fdfdfb; --muted: #5d6166; --line: #dcdcd6; --link: #0b57a4; --band: #f1f1ec;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC",
    "Microsoft YaHei", "Noto Sans CJK SC", "Noto Naskh Arabic", Tahoma, sans-serif;
  line-height: 1.6;
}
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e6e3; --bg: #161718; --muted: #a2a6ab; --line: #36383b; --link: #8ab8ff; --band: #202224; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--fg); background: var(--bg); font-size: 1.0625rem; overflow-wrap: break-word; }
a { color: var(--link); }
a:visited { color: #6b3fa0; }
@media (prefers-color-scheme: dark) { a:visited { color: #c6a8ff; } }
header.top, main, footer { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
header.top { display: flex; gap: 1rem; align-items: baseline; justify-content: space-between;
  padding-block: .75rem; border-bottom: 1px solid var(--line); font-size: .9375rem; }
header.top nav { color: var(--muted); min-width: 0; }
header.top nav a { color: inherit; }
.search-link { white-space: nowrap; }
main { padding-block: .5rem 2rem; }
footer { padding-block: 1rem 2rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .875rem; }
footer a { color: inherit; }
h1 { font-size: 1.625rem; line-height: 1.3; margin: 1rem 0 .5rem; }
h2 { font-size: 1.25rem; margin: 1.75rem 0 .5rem; }
.meta { color: var(--muted); font-size: .9375rem; margin: 0 0 1rem; }
.meta bdi, .meta time { white-space: nowrap; }
ul.items { list-style: none; padding: 0; margin: 0; }
ul.items li { padding: .45rem 0; border-bottom: 1px solid var(--line); }
ul.items .when, ul.items .feed { color: var(--muted); font-size: .875rem; font-variant-numeric: tabular-nums; }
ul.items .when { display: inline-block; min-width: 3.2em; margin-inline-end: .6rem; }
ul.items .feed { display: block; }
ul.plain { padding-inline-start: 1.25rem; }
.months { display: flex; flex-wrap: wrap; gap: .25rem .5rem; list-style: none; padding: 0; }
.months li { background: var(--band); border-radius: .25rem; padding: .15rem .5rem; font-size: .9375rem; }
.months small { color: var(--muted); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9375rem; }
th, td { text-align: start; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
td.num, th.num { text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.when { white-space: nowrap; color: var(--muted); }
form.search { display: flex; gap: .5rem; margin: 1rem 0; }
form.search input { flex: 1; min-width: 0; font: inherit; padding: .45rem .6rem; border: 1px solid var(--line);
  border-radius: .3rem; background: var(--bg); color: var(--fg); }
form.search button { font: inherit; padding: .45rem .9rem; border: 1px solid var(--line); border-radius: .3rem;
  background: var(--band); color: var(--fg); }
article.item { margin-top: 1rem; }
article.item .original { display: inline-block; margin: 0 0 1rem; padding: .35rem .7rem; background: var(--band);
  border-radius: .3rem; text-decoration: none; }
article.item .body img, article.item .body video, article.item .body iframe { max-width: 100%; height: auto; }
article.item .body pre { overflow-x: auto; white-space: pre-wrap; }
article.item .body table { display: block; overflow-x: auto; }
article.item .body blockquote { margin-inline: 0; padding-inline-start: 1rem; border-inline-start: 3px solid var(--line); }
@media (max-width: 30rem) {
  body { font-size: 1rem; }
  h1 { font-size: 1.375rem; }
  th.source, td.source, th.when, td.when { display: none; }
}
`;

/** Runs in the search page (plain JavaScript; its bytes are hashed into the page's CSP). */
export const SEARCH_SCRIPT = `(() => {
  const form = document.getElementById("search");
  const input = document.getElementById("q");
  const status = document.getElementById("status");
  const list = document.getElementById("results");
  const norm = (text) => text.normalize("NFKC").toLowerCase();
  let loaded;
  const viaScript = () => new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "${SEARCH_SCRIPT_DATA}";
    script.onload = () => resolve(window.${SEARCH_GLOBAL});
    script.onerror = () => reject(new Error("${SEARCH_SCRIPT_DATA} did not load"));
    document.head.appendChild(script);
  });
  const load = () => loaded ??= (location.protocol === "file:"
    ? viaScript()
    : fetch("${SEARCH_JSON}").then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
  ).then((data) => { data.keys = data.items.map((item) => norm(item[0])); return data; });
  const show = async (query) => {
    const terms = norm(query).split(/\\s+/).filter(Boolean);
    list.replaceChildren();
    if (terms.length === 0) { status.textContent = ""; return; }
    status.textContent = "Searching…";
    let data;
    try { data = await load(); } catch (error) {
      status.textContent = "The search index could not be loaded (" + error.message + ").";
      return;
    }
    let found = 0;
    for (let i = 0; i < data.items.length; i++) {
      if (!terms.every((term) => data.keys[i].includes(term))) continue;
      if (++found > 200) continue;
      const [title, feed, href, date] = data.items[i];
      const li = document.createElement("li");
      const when = document.createElement("span");
      when.className = "when";
      const time = document.createElement("time");
      time.dir = "ltr";
      time.textContent = date;
      when.append(time);
      const a = document.createElement("a");
      a.href = href;
      a.dir = "auto";
      a.textContent = title || "(untitled)";
      const from = document.createElement("span");
      from.className = "feed";
      from.dir = "auto";
      from.textContent = data.feeds[feed];
      li.append(when, a, from);
      list.append(li);
    }
    status.textContent = found === 0 ? "No title contains that." :
      found > 200 ? found + " titles match; the newest 200 are shown." :
      found === 1 ? "1 title matches." : found + " titles match.";
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch {}
    void show(input.value);
  });
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; void show(initial); }
})();`;

export function cspHash(script: string): string {
  return `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;
}
