import { NewsmirrorError } from "../errors.js";
import type { FilterRule, FiltersConfig } from "../config/schema.js";
import type { FeedEntry } from "../model.js";
import { htmlText } from "../text/html-text.js";

/**
 * Per-feed keep and block rules. Title and content are tested on their text as a reader sees it
 * (tags removed, entities decoded, whitespace collapsed), so a rule never has to know whether a
 * feed wrote `&amp;` or `&`; the link is tested as the absolute URL the fetcher produced.
 */
const FIELD_TEXT: Record<FilterRule["field"], (entry: FeedEntry) => string> = {
  title: (entry) => htmlText(entry.title ?? ""),
  link: (entry) => entry.link ?? "",
  content: (entry) => htmlText(entry.content ?? ""),
};

export interface CompiledRule {
  field: FilterRule["field"];
  regex: RegExp;
}

export interface CompiledFilters {
  keep: CompiledRule[];
  block: CompiledRule[];
}

export const NO_FILTERS: CompiledFilters = { keep: [], block: [] };

/** Compiles a feed's `filters` (already checked by the config schema; checked again here). */
export function compileFilters(config: FiltersConfig | undefined, feed = "feed"): CompiledFilters {
  if (!config) return NO_FILTERS;
  const compile = (kind: "keep" | "block") =>
    (config[kind] ?? []).map((rule, i): CompiledRule => {
      try {
        return { field: rule.field, regex: new RegExp(rule.pattern, rule.flags) };
      } catch (error) {
        throw new NewsmirrorError(
          "E_CONFIG",
          `${feed}: filters.${kind}.${i}.pattern: not a valid regular expression: ${(error as Error).message}`,
          { suggestion: "fix the pattern in the config", cause: error },
        );
      }
    });
  return { keep: compile("keep"), block: compile("block") };
}

/** True when the entry is archived: it matches a keep rule (if there are any) and no block rule. */
export function acceptEntry(entry: FeedEntry, filters: CompiledFilters): boolean {
  if (filters.keep.length === 0 && filters.block.length === 0) return true;
  const texts = new Map<FilterRule["field"], string>();
  const matches = (rule: CompiledRule) => {
    let text = texts.get(rule.field);
    if (text === undefined) {
      text = FIELD_TEXT[rule.field](entry);
      texts.set(rule.field, text);
    }
    return rule.regex.test(text);
  };
  if (filters.keep.length > 0 && !filters.keep.some(matches)) return false;
  return !filters.block.some(matches);
}
