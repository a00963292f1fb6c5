// Loaded with --import: counts item files the run opens, printed at exit. Dedupe and 304 runs
// must read none.
import fs from "node:fs";
import fsp from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";

let count = 0;
const isItem = (p) => typeof p === "string" && /\/[0-9a-f]{16}\.txt$/.test(p);
for (const [module, names] of [
  [fsp, ["readFile", "open"]],
  [fs, ["readFileSync", "openSync", "readFile", "open", "createReadStream"]],
]) {
  for (const name of names) {
    const original = module[name];
    module[name] = function (path, ...rest) {
      if (isItem(path)) count++;
      return original.call(this, path, ...rest);
    };
  }
}
syncBuiltinESMExports();
process.on("exit", () => process.stderr.write(`item-files-read ${count}\n`));
