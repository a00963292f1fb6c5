import { resolve } from "node:path";
import { loadConfig } from "../config/load.js";
import type { Config } from "../config/schema.js";
import { DEFAULT_IMAGE_PROXY } from "../converter/images.js";
import { NewsmirrorError } from "../errors.js";
import type { ArchiveSettings } from "../pipeline/settings.js";

export const DEFAULT_CONFIG = "newsmirror.json";
export const DEFAULT_OUT = "archive";

export interface Environment {
  cwd: string;
  sourceDateEpoch?: string;
}

/** The config named by --config (it must exist), else ./newsmirror.json when there is one. */
export async function readConfig(file: string | undefined, env: Environment): Promise<Config> {
  return loadConfig(resolve(env.cwd, file ?? DEFAULT_CONFIG), file !== undefined);
}

export function archiveSettings(
  config: Config,
  out: string | undefined,
  env: Environment,
): ArchiveSettings {
  const imageProxy = config.imageProxy ?? DEFAULT_IMAGE_PROXY;
  return {
    out: resolve(env.cwd, out ?? config.out ?? DEFAULT_OUT),
    timezone: config.timezone ?? "UTC",
    itemExtension: config.itemExtension,
    baseUrl: config.baseUrl,
    imageProxy,
    feedTitles: new Map(config.feeds.flatMap((f) => (f.title ? [[f.id, f.title] as const] : []))),
    configuredProxies: [
      imageProxy,
      ...config.feeds.flatMap((f) => (f.imageProxy ? [f.imageProxy] : [])),
    ],
    iframeHosts: config.iframeHosts,
    feeds: new Map(config.feeds.map((f) => [f.id, f])),
  };
}

/** "Now" for the run: SOURCE_DATE_EPOCH (seconds) when set, so runs can be reproduced. */
export function runStart(env: Environment, wallClock: () => number): number {
  if (env.sourceDateEpoch === undefined || env.sourceDateEpoch === "") return wallClock();
  if (!/^\d+$/.test(env.sourceDateEpoch)) {
    throw new NewsmirrorError(
      "E_USAGE",
      `SOURCE_DATE_EPOCH=${env.sourceDateEpoch} is not a whole number of seconds`,
      {
        suggestion: "unset it, or set it to seconds since 1970 (e.g. $(git log -1 --format=%ct))",
      },
    );
  }
  return Number(env.sourceDateEpoch) * 1000;
}
