import { sha256 } from "../text/sha256.js";
import { NewsmirrorError } from "../errors.js";

/** `fetch --shard K/N`: the K-th of N parts of the config's feeds, K from 1. */
export interface Shard {
  index: number;
  count: number;
}

/** More would only make empty shards: a CI matrix is limited to 256 jobs anyway. */
export const MAX_SHARDS = 256;

/** Parses "K/N", one line naming what is wrong otherwise. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const usage = (why: string) =>
    new NewsmirrorError("E_USAGE", `--shard ${text}: ${why}`, {
      suggestion: "give --shard K/N with 1 <= K <= N, e.g. --shard 1/4 … --shard 4/4",
    });
  if (!match) throw usage("expected K/N, two whole numbers such as 2/4");
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) throw usage("N (the number of shards) must be at least 1");
  if (count > MAX_SHARDS) throw usage(`N may be at most ${MAX_SHARDS}`);
  if (index < 1 || index > count) throw usage(`K must be between 1 and ${count}`);
  return { index, count };
}

/**
 * Which shard (1..count) a feed belongs to: a hash of its id alone, so adding or removing a
 * feed never moves the others, and every machine agrees without talking to the others.
 */
export function shardOf(feedId: string, count: number): number {
  const digest = sha256(feedId);
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(feedId: string, shard: Shard): boolean {
  return shardOf(feedId, shard.count) === shard.index;
}
