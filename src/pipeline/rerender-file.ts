import { convert, type ConvertOptions } from "../converter/convert.js";
import { describeError } from "../errors.js";
import { parseItemHead, renderItem } from "../writer/item-file.js";

/** What re-rendering one file gives: why it is no item, or its new text (absent if the same). */
export type Outcome = { problem: string } | { changed: string | undefined };

/**
 * One file's bytes through parse, convert and render: the same on the main thread or a worker.
 * Only the body is decoded, and an unchanged file is recognised by its body and its short head
 * compared apart, which is the whole text compared: both are five lines split at the same
 * newline, and UTF-8 decodes the same either side of a newline.
 */
export function rerenderFile(bytes: Uint8Array, path: string, options: ConvertOptions): Outcome {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let item;
  try {
    item = parseItemHead(buffer, path);
  } catch (error) {
    return { problem: describeError(error).message };
  }
  const body = buffer.toString("utf8", item.bodyStart, buffer.length - 1);
  // A failure past parsing is a bug, not a problem of the file: it ends the run.
  const next = convert({ ...item, titleFormat: "markdown", html: body }, options);
  const same =
    next.body === body &&
    renderItem({ ...next, body: "" }) === `${buffer.toString("utf8", 0, item.bodyStart)}\n`;
  return { changed: same ? undefined : renderItem(next) };
}
