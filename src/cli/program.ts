import { Command, CommanderError } from "commander";
import { VERSION, type CliContext, type RegisterCommand } from "./command.js";
import { configCommand } from "./commands/config.js";
import { exportCommand } from "./commands/export.js";
import { feedsCommand } from "./commands/feeds.js";
import { fetchCommand } from "./commands/fetch.js";
import { importCommand } from "./commands/import.js";
import { indexCommand } from "./commands/index.js";
import { initCommand } from "./commands/init.js";
import { migrateExtensionCommand } from "./commands/migrate-extension.js";
import { rerenderCommand } from "./commands/rerender.js";
import { siteCommand } from "./commands/site.js";
import { statusCommand } from "./commands/status.js";
import { verifyCommand } from "./commands/verify.js";
import { NewsmirrorError } from "../errors.js";
import { EXIT, reportError } from "./report.js";

export { VERSION, type CliContext } from "./command.js";

/** Every command, in the order `--help` lists them. A new command: its file and one line here. */
const COMMANDS: readonly RegisterCommand[] = [
  initCommand,
  fetchCommand,
  rerenderCommand,
  indexCommand,
  verifyCommand,
  importCommand,
  migrateExtensionCommand,
  exportCommand,
  configCommand,
  feedsCommand,
  statusCommand,
  siteCommand,
];

/** `--json` anywhere before `--`: usage and config errors are then JSON as well. */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).includes("--json");
}

/** Runs the CLI and returns the exit code; it never calls process.exit itself. */
export async function main(argv: readonly string[], ctx: CliContext): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command("newsmirror")
    .description("Mirror news feeds into a plain-text archive that lives in git.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.out(s.trimEnd()),
      writeErr: (s) => ctx.err(s.trimEnd()),
      // Usage errors are reported by reportError below, worded like every other error.
      outputError: () => {},
    });
  const host = { ctx, setExit: (exit: number) => void (code = exit) };
  for (const register of COMMANDS) register(program, host);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    // --help and --version end by throwing too, with exit code 0.
    if (error instanceof CommanderError && error.exitCode === 0) return EXIT.ok;
    // `newsmirror export` alone: commander has printed the help and throws "(outputHelp)".
    const failure =
      error instanceof CommanderError && error.code === "commander.help"
        ? missingCommand(program, argv[0] ?? "")
        : error;
    return reportError(failure, ctx, wantsJson(argv));
  }
}

function missingCommand(program: Command, name: string): NewsmirrorError {
  const group = program.commands.find((c) => c.name() === name);
  const names = (group?.commands ?? []).map((c) => c.name());
  return new NewsmirrorError("E_USAGE", `${name} needs one of its commands: ${names.join(", ")}`, {
    suggestion: `e.g. newsmirror ${name} ${names[0] ?? ""} --help`,
  });
}
