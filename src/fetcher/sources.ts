import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { NewsmirrorError } from "../errors.js";
import type { HttpClient } from "./http/client.js";

/** Where a feed's bytes come from. */
export type SourceRef =
  { kind: "url"; url: string } | { kind: "file"; path: string } | { kind: "stdin" };

export type Loaded =
  | { status: 304; httpStatus: 304 }
  | {
      status: 200;
      /** The URL the bytes came from: the base of relative links. */
      url: string;
      bytes: Uint8Array;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      httpStatus?: number;
    };

export function describeSource(source: SourceRef): string {
  if (source.kind === "url") return source.url;
  if (source.kind === "file") return source.path;
  return "standard input";
}

/** Command-line words: http(s) URLs, `-` for stdin, anything else a local file path. */
export function parseSourceArg(arg: string): SourceRef {
  if (arg === "-") return { kind: "stdin" };
  if (/^https?:\/\//i.test(arg)) return { kind: "url", url: arg };
  if (/^file:\/\//i.test(arg)) return { kind: "file", path: new URL(arg).pathname };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) {
    throw new NewsmirrorError(
      "E_USAGE",
      `${arg}: only http(s) URLs, file paths and - are sources`,
      {
        suggestion: "give an http:// or https:// URL, a local file, or - for standard input",
      },
    );
  }
  return { kind: "file", path: arg };
}

/** Why a feed file could not be read, said by cause, and what to do about it. */
const FILE_ERRORS: Record<string, [cause: string, suggestion: string]> = {
  ENOENT: ["ENOENT (no such file)", "check the file path"],
  EISDIR: ["it is a directory, not a feed file", "give the path of a feed file inside it"],
  EACCES: ["EACCES (permission denied)", "check the file's permissions"],
};

export async function loadSource(
  source: SourceRef,
  deps: {
    client: HttpClient;
    readStdin: () => Promise<Uint8Array>;
    label: string;
    /** The validators of the last fetch, sent only when the URL is still the same. */
    state: { url?: string; etag?: string; lastModified?: string };
  },
): Promise<Loaded> {
  if (source.kind === "stdin") {
    return { status: 200, url: "stdin:", bytes: await deps.readStdin() };
  }
  if (source.kind === "file") {
    const path = resolve(source.path);
    try {
      return { status: 200, url: pathToFileURL(path).href, bytes: await readFile(path) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      const [cause, suggestion] = FILE_ERRORS[code] ?? [code, "check the file's permissions"];
      throw new NewsmirrorError("E_SOURCE", `${deps.label}: cannot read ${source.path}: ${cause}`, {
        suggestion,
        cause: error,
      });
    }
  }
  const sameUrl = deps.state.url === source.url;
  const response = await deps.client.get(source.url, {
    label: deps.label,
    etag: sameUrl ? deps.state.etag : undefined,
    lastModified: sameUrl ? deps.state.lastModified : undefined,
  });
  if (response.status === 304) return { status: 304, httpStatus: 304 };
  return {
    status: 200,
    url: response.url,
    bytes: response.body,
    contentType: response.contentType,
    etag: response.etag,
    lastModified: response.lastModified,
    httpStatus: 200,
  };
}
