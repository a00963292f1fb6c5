import { convert, type ConvertOptions } from "../converter/convert.js";
import { describeError, NewsmirrorError, type ErrorCode } from "../errors.js";
import { parseItem, renderItem } from "../writer/item-file.js";

/** What re-rendering one file gives: why it is no item, or its new text (absent if the same). */
export type Outcome = { problem: string } | { changed: string | undefined };

/** One file's bytes through parse, convert and render: the same on the main thread or a worker. */
export function rerenderFile(bytes: Uint8Array, path: string, options: ConvertOptions): Outcome {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  let item;
  try {
    item = parseItem(text, path);
  } catch (error) {
    return { problem: describeError(error).message };
  }
  // A failure past parsing is a bug, not a problem of the file: it ends the run.
  const next = convert({ ...item, titleFormat: "markdown", html: item.body }, options);
  const rendered = renderItem(next);
  return { changed: rendered === text ? undefined : rendered };
}

/** A thrown value made plain for postMessage, which keeps only an Error's message and stack. */
export interface PlainError {
  message: string;
  code?: string;
  suggestion?: string;
  stack?: string;
}

export function toPlainError(error: unknown): PlainError {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, suggestion } = error as { code?: unknown; suggestion?: unknown };
  return {
    message: error.message,
    code: typeof code === "string" ? code : undefined,
    suggestion: typeof suggestion === "string" ? suggestion : undefined,
    stack: error.stack,
  };
}

export function fromPlainError(plain: PlainError): Error {
  const error = plain.code?.startsWith("E_")
    ? new NewsmirrorError(plain.code as ErrorCode, plain.message, { suggestion: plain.suggestion })
    : Object.assign(new Error(plain.message), plain.code ? { code: plain.code } : {});
  if (plain.stack) error.stack = plain.stack;
  return error;
}
