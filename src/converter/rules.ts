/** The data the body rewriter applies: which attributes hold URLs, which hold images. */

/** Attributes whose value is one URL: resolved against the entry link, checked for scripts. */
export const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "poster",
  "action",
  "formaction",
  "background",
  "cite",
  "longdesc",
  "data",
  "xlink:href",
  "lowsrc",
  "dynsrc",
]);

/** Per tag, the attributes that hold image URLs: these go through the image proxy. */
export const IMAGE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  img: ["src", "srcset"],
  source: ["srcset"],
  video: ["poster"],
};

/** Elements dropped with everything inside them. */
export const DROPPED_ELEMENTS = new Set(["script"]);

/** Elements whose text keeps its line breaks (as `&#10;`). */
export const PREFORMATTED = new Set(["pre", "textarea", "listing", "plaintext"]);

/** Schemes that run script when followed, after removing what browsers ignore. */
const SCRIPT_SCHEMES = /^(?:javascript|vbscript|livescript|mocha):/;

export function isScriptUrl(value: string): boolean {
  // Browsers ignore ASCII whitespace and controls anywhere in the scheme (`jav&#x09;ascript:`).
  // eslint-disable-next-line no-control-regex -- controls are what must be encoded or ignored
  return SCRIPT_SCHEMES.test(value.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase());
}

/** data: URLs are kept only where they can be nothing but an image. */
export function isDisallowedData(value: string, imageAttribute: boolean): boolean {
  const v = value.trim().toLowerCase();
  if (!v.startsWith("data:")) return false;
  return !(imageAttribute && /^data:image\/(png|gif|jpe?g|webp|avif|bmp)[;,]/.test(v));
}
