/** rss-parser's own helpers (CommonJS, untyped); only what newsmirror calls. */
declare module "rss-parser/lib/utils.js" {
  const utils: {
    /** An element's text, or its markup rebuilt as XML (wrapped in a <div>). */
    getContent(content: unknown): unknown;
  };
  export default utils;
}
