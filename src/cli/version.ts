import { readFileSync } from "node:fs";

/** Set by the bundler (scripts/bundle.mjs); sources run by tests read package.json instead. */
declare const NEWSMIRROR_VERSION: string | undefined;

export const VERSION =
  typeof NEWSMIRROR_VERSION === "string"
    ? NEWSMIRROR_VERSION
    : (
        JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
          version: string;
        }
      ).version;
