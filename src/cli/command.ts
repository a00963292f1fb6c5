import type { Command } from "commander";
import { z } from "zod";
import type { Terminal } from "./output.js";
import type { Environment } from "./settings.js";

export interface CliContext extends Environment, Terminal {
  isTTY: boolean;
  readStdin: () => Promise<Uint8Array>;
  wallClock: () => number;
  monotonic: () => number;
}

export { VERSION } from "./version.js";

/** What a command's action gets: the terminal and environment, and the run's exit code to set. */
export interface CommandHost {
  ctx: CliContext;
  setExit(code: number): void;
}

/**
 * One `newsmirror <name>` command, in its own file under `commands/`: it adds itself, its
 * options and its action to the program. The action parses its options, calls one pipeline
 * (imported when it runs, so `--help` and `--version` load none), prints and sets the exit code.
 */
export type RegisterCommand = (program: Command, host: CommandHost) => void;

/** `--config` and `--out`, which every command that works on an archive takes. */
export const archiveOptions = {
  config: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
};

export function withArchive(command: Command): Command {
  return command
    .option("-c, --config <file>", "config file (default: ./newsmirror.json when it exists)")
    .option("-o, --out <dir>", "archive folder (default: the config's out, else ./archive)");
}

/** For repeatable options: `-f a -f b` gives ["a", "b"]. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
