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
  | "E_PRIVATE_ADDRESS"
  | "E_NOT_A_FEED"
  | "E_XML"
  | "E_ENCODING"
  | "E_ITEM_PARSE"
  | "E_IO"
  | "E_LOCKED"
  | "E_FULLTEXT"
  | "E_PERMISSION"
  | "E_READ_ONLY"
  | "E_NOT_A_FOLDER"
  | "E_NO_FOLDER"
  | "E_DISK_FULL"
  | "E_NO_ARCHIVE"
  | "E_GIT"
  | "E_IMPORT"
  | "E_OPML";

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
  const known = isNewsmirrorError(error) ? error : fileSystemError(error);
  if (known) return { code: known.code, message: known.message };
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

/**
 * The file-system failures a user causes or can fix (a wrong --out, a full disk), as errors of
 * their own: never "internal error". Keyed by Node's errno code.
 */
type FileSystemCase = { code: ErrorCode; what: string; suggestion: string };
const DENIED: FileSystemCase = {
  code: "E_PERMISSION",
  what: "permission denied",
  suggestion: "check the owner and permissions of the archive folder, or choose another --out",
};
const NOT_A_FOLDER: FileSystemCase = {
  code: "E_NOT_A_FOLDER",
  what: "a file stands where a folder is needed",
  suggestion: "--out must name a folder, or a path that does not exist yet; not a file",
};
const FULL: FileSystemCase = {
  code: "E_DISK_FULL",
  what: "no space left on the device",
  suggestion: "free some space: nothing half-written was left, and the next run goes on",
};
const FILE_SYSTEM_ERRORS: Readonly<Record<string, FileSystemCase>> = {
  EACCES: DENIED,
  EPERM: DENIED,
  EROFS: {
    code: "E_READ_ONLY",
    what: "read-only file system",
    suggestion: "choose an --out on a writable disk",
  },
  ENOTDIR: NOT_A_FOLDER,
  // mkdir says EEXIST when the path is a file: the same mistake as ENOTDIR.
  EEXIST: NOT_A_FOLDER,
  EISDIR: {
    code: "E_NOT_A_FOLDER",
    what: "a folder stands where a file is needed",
    suggestion: "move that folder out of the archive",
  },
  ENOENT: {
    code: "E_NO_FOLDER",
    what: "no such file or folder",
    suggestion: "check the path; its parent folder must exist and accept new folders",
  },
  ENOSPC: FULL,
  EDQUOT: { ...FULL, what: "disk quota exceeded" },
};

/** Why a file named by the user could not be read, in words (Node's message repeats the path). */
const READ_REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EISDIR: "it is a folder, not a file",
  ENOTDIR: "a file stands where a folder is needed",
  EACCES: "permission denied",
  EPERM: "permission denied",
};

export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (
    (code && READ_REASONS[code]) ?? oneLine(error instanceof Error ? error.message : String(error))
  );
}

/** Node's file-system error as a NewsmirrorError naming the path; undefined for anything else. */
export function fileSystemError(error: unknown): NewsmirrorError | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path, syscall } = error as NodeJS.ErrnoException;
  const known = code ? FILE_SYSTEM_ERRORS[code] : undefined;
  if (!known || typeof syscall !== "string") return undefined;
  const where = typeof path === "string" ? `${path}: ` : "";
  return new NewsmirrorError(known.code, `${where}${known.what} (${syscall}: ${code})`, {
    suggestion: known.suggestion,
  });
}
