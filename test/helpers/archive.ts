import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** Every file under a folder, as path → bytes, for whole-archive comparisons. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (rel: string) => {
    for (const entry of await readdir(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path);
      else files[path] = await readFile(join(dir, path), "utf8");
    }
  };
  await walk("");
  return files;
}
