import { parseDate } from "../fetcher/parse/dates.js";

/**
 * Chinese dates name no zone: the older mirrors followed Chinese-language sites, whose pages
 * give Beijing time, so that is what a bare `2020年7月2日 18:28` is taken to mean.
 */
const CHINA_OFFSET = "+08:00";

const CHINESE =
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?/;
/** Jekyll's `2014-02-04 09:36:39 +0100` (space before the time and before the zone). */
const JEKYLL =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/;

const pad = (n: string | undefined) => (n ?? "0").padStart(2, "0");

/** A time in ms from any date the older mirrors wrote, or undefined (never NaN). */
export function parseLegacyDate(raw: string | undefined): number | undefined {
  const value = raw?.trim();
  if (!value || /^nan$/i.test(value)) return undefined;
  const chinese = CHINESE.exec(value);
  if (chinese) {
    const [, y, mo, d, h, mi, s] = chinese;
    return parseDate(`${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${CHINA_OFFSET}`);
  }
  const jekyll = JEKYLL.exec(value);
  if (jekyll) {
    const [, day, time, zone] = jekyll;
    const offset = !zone
      ? "Z"
      : zone.includes(":") || zone === "Z"
        ? zone
        : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    const [hh = "0", rest = "00"] = (time ?? "").split(/:(.*)/s);
    return parseDate(`${day}T${pad(hh)}:${rest}${offset}`);
  }
  return parseDate(value);
}

/** The date of a Jekyll post's file name, `YYYY-MM-DD-title.md`, at midnight UTC. */
export function fileNameDate(name: string): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})-/.exec(name);
  return match ? parseDate(`${match[1]}T00:00:00Z`) : undefined;
}
