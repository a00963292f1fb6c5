/**
 * Every failure newsmirror reports is a NewsmirrorError: a stable `code` that scripts can match,
 * a one-line `message` that names the feed or file, and a `suggestion` for the person reading it.
 * Stages throw these; only the CLI decides how to print them and which exit code follows.
 */
export type ErrorCode =
  | "E_USAGE"
  | "E_CONFIG"
  | "E_SOURCE"
  | "E_HTTP_STATUS"
  | "E_TIMEOUT"
  | "E_TOO_LARGE"
  | "E_REDIRECT"
  | "E_NETWORK"
  | "E_DNS"
  | "E_NOT_A_FEED"
  | "E_XML"
  | "E_ENCODING"
  | "E_ITEM_PARSE"
  | "E_IO"
  | "E_LOCKED"
  | "E_FULLTEXT";

export class NewsmirrorError extends Error {
  readonly code: ErrorCode;
  readonly suggestion: string | undefined;
  /**
   * The problems one by one (a config's fields), one line each. The message then ends with
   * `: ` and the details joined by `; `, so that it still reads alone on one line.
   */
  readonly details: readonly string[];

  constructor(
    code: ErrorCode,
    message: string,
    options: { suggestion?: string; cause?: unknown; details?: readonly string[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "NewsmirrorError";
    this.code = code;
    this.suggestion = options.suggestion;
    this.details = options.details ?? [];
  }
}

/** The message without its details: the headline a terminal prints above them. */
export function headline(error: NewsmirrorError): string {
  const tail = `: ${error.details.join("; ")}`;
  return error.details.length && error.message.endsWith(tail)
    ? error.message.slice(0, -tail.length)
    : error.message;
}

export function isNewsmirrorError(error: unknown): error is NewsmirrorError {
  return error instanceof NewsmirrorError;
}

/** A one-line description of any thrown value, for summaries: never a stack trace. */
export function describeError(error: unknown): { code: string; message: string } {
  if (isNewsmirrorError(error)) return { code: error.code, message: error.message };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      code: typeof code === "string" ? code : "E_INTERNAL",
      message: oneLine(error.message),
    };
  }
  return { code: "E_INTERNAL", message: oneLine(String(error)) };
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
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
