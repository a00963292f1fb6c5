/** `1 item`, `2 items`: counts as a person writes them. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * `12,345`: what `n.toLocaleString("en-US")` gives for a count, without ICU. The first
 * toLocaleString of a process costs ~25 ms of locale set-up, and the lists print counts on
 * every run that writes them.
 */
export function thousands(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) return n.toLocaleString("en-US");
  return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}

/** `1 item`, `12,345 items`: a count in the lists and on the site's pages. */
export function counted(n: number, noun: string): string {
  return `${thousands(n)} ${noun}${n === 1 ? "" : "s"}`;
}
