/** Whether a URL is absolute http(s): the only kind fetched, linked or proxied. */
export function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
