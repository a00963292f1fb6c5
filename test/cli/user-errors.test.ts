import { execFile, execFileSync } from "node:child_process";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileSystemError } from "../../src/errors.js";
import { cliPath, runCli, type CliResult } from "../helpers/cli.js";
import { fixture, withTempDir } from "../helpers/paths.js";

const FEED = fixture("voa-putin.rss");
const isRoot = process.getuid?.() === 0;

/** The built CLI as another user: root may write anywhere, so EACCES needs someone else. */
function asNobody(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      { uid: 65534, gid: 65534, cwd: "/" },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A small tmpfs of our own, where the kernel allows mounting (root in a container); else none. */
function tryMount(dir: string, options: string): boolean {
  if (!isRoot) return false;
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

interface Case {
  name: string;
  /** Prepares {dir} and returns the command's arguments. */
  setup: (dir: string) => Promise<string[]>;
  code: string;
  message: RegExp;
  /** The suggestion names the option that was wrong, where one was. */
  suggestion?: RegExp;
  exit: number;
}

const cases: Case[] = [
  {
    name: "--out is a file",
    setup: async (dir) => {
      await writeFile(join(dir, "file"), "x");
      return ["fetch", FEED, "--out", join(dir, "file")];
    },
    code: "E_NOT_A_FOLDER",
    message: /\/file: a file stands where a folder is needed \(mkdir: ENOTDIR\)/,
    exit: 2,
  },
  {
    name: "--out lies under a file",
    setup: async (dir) => {
      await writeFile(join(dir, "file"), "x");
      return ["fetch", FEED, "--out", join(dir, "file", "archive")];
    },
    code: "E_NOT_A_FOLDER",
    message: /\/file: a file stands where a folder is needed/,
    exit: 2,
  },
  {
    name: "a file where the archive keeps its .newsmirror folder (EEXIST)",
    setup: async (dir) => {
      await writeFile(join(dir, ".newsmirror"), "x");
      return ["fetch", FEED, "--out", dir];
    },
    code: "E_NOT_A_FOLDER",
    message: /\.newsmirror: a file stands where a folder is needed/,
    exit: 2,
  },
  {
    name: "--out where no folder can be made (/proc/x: once a hang)",
    setup: async () => ["fetch", FEED, "--out", "/proc/newsmirror-x"],
    code: "E_NO_FOLDER",
    message: /^\/proc\/newsmirror-x: no such file or folder \(mkdir: ENOENT\)$/,
    exit: 2,
  },
  ...["verify", "index", "rerender", "rerender --check"].map((command) => ({
    name: `${command} of a missing archive`,
    setup: async (dir: string) => [...command.split(" "), "--out", join(dir, "typo")],
    code: "E_NO_ARCHIVE",
    message: /^no archive at \/.*\/typo$/,
    exit: 2,
  })),
  {
    name: "verify of a file",
    setup: async (dir) => {
      await writeFile(join(dir, "file"), "x");
      return ["verify", "--out", join(dir, "file")];
    },
    code: "E_NOT_A_FOLDER",
    message: /\/file: a file stands where a folder is needed/,
    exit: 2,
  },
  ...[
    ["site", "--to"],
    ["export", "markdown", "--to"],
  ].map((command) => ({
    name: `${command.join(" ")} a file`,
    setup: async (dir: string) => {
      await runCli(["fetch", FEED, "--out", join(dir, "archive")]);
      await writeFile(join(dir, "file"), "x");
      return [...command, join(dir, "file"), "--out", join(dir, "archive")];
    },
    code: "E_NOT_A_FOLDER",
    message: /^--to \/.*\/file is a file, not a folder$/,
    suggestion: /^--to must name a folder, or a path that does not exist yet$/,
    exit: 2,
  })),
  {
    name: "feeds export --to a folder",
    setup: async (dir) => {
      await writeFile(join(dir, "c.json"), JSON.stringify({ feeds: [{ id: "a", url: FEED }] }));
      await mkdir(join(dir, "folder"));
      return ["feeds", "export", "--config", join(dir, "c.json"), "--to", join(dir, "folder")];
    },
    code: "E_NOT_A_FOLDER",
    message: /^--to \/.*\/folder is a folder, not a file$/,
    suggestion: /^--to must name the OPML file to write, e.g\. --to feeds\.opml$/,
    exit: 2,
  },
];

describe("user errors are user errors: code, message with the path, suggestion, exit status", () => {
  it.each(cases)("$name", ({ setup, code, message, suggestion, exit }) =>
    withTempDir(async (dir) => {
      const result = await runCli(await setup(dir));
      const lines = result.stderr.split("\n");
      expect(lines[0]).toMatch(new RegExp(`^newsmirror: ${code}: `));
      expect(lines[0]?.slice(`newsmirror: ${code}: `.length)).toMatch(message);
      expect(lines[1]).toMatch(/^ {2}suggestion: \S/);
      if (suggestion) expect(lines[1]?.slice("  suggestion: ".length)).toMatch(suggestion);
      expect(lines).toHaveLength(2);
      expect(result.code).toBe(exit);
    }),
  );

  it("index --create makes the archive the others refuse", () =>
    withTempDir(async (dir) => {
      const out = join(dir, "new");
      expect((await runCli(["index", "--out", out, "--create"])).code).toBe(0);
      expect((await runCli(["verify", "--out", out])).code).toBe(0);
    }));

  it.runIf(isRoot || process.platform !== "win32")(
    "EACCES: an archive folder we may not write",
    () =>
      withTempDir(async (dir) => {
        await chmod(dir, 0o755);
        const locked = join(dir, "locked");
        await mkdir(locked, { mode: 0o555 });
        await chmod(locked, 0o555);
        const args = ["fetch", FEED, "--out", join(locked, "archive")];
        const result = isRoot ? await asNobody(args) : await runCli(args);
        expect(result.stderr).toMatch(
          /^newsmirror: E_PERMISSION: \/.*\/locked\/archive: permission denied \(mkdir: EACCES\)\n {2}suggestion: /,
        );
        expect(result.code).toBe(2);
      }),
  );

  const mountable = (() => {
    if (!isRoot) return false;
    try {
      execFileSync("mount", ["--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  if (!mountable) console.warn("NOTICE: cannot mount a tmpfs here: skipping EROFS and ENOSPC");

  it.runIf(mountable).each([
    {
      errno: "EROFS",
      options: "ro,size=64k",
      fill: false,
      expected: /^newsmirror: E_READ_ONLY: \/.*: read-only file system \(mkdir: EROFS\)$/m,
      exit: 2,
    },
    {
      errno: "ENOSPC",
      options: "size=64k",
      fill: true,
      expected: /^newsmirror: E_DISK_FULL: \/.*: no space left on the device \(\w+: ENOSPC\)$/m,
      exit: 1,
    },
  ])("$errno: the disk refuses, one line, no internal error", ({ options, fill, expected, exit }) =>
    withTempDir(async (dir) => {
      const disk = join(dir, "disk");
      await mkdir(disk);
      if (!tryMount(disk, options)) return void console.warn("NOTICE: mount refused: skipped");
      try {
        if (fill) {
          await mkdir(join(disk, "archive", ".newsmirror"), { recursive: true });
          // Leave no page free: the next write hits ENOSPC.
          await writeFile(join(disk, "filler"), Buffer.alloc(64 * 1024)).catch(() => undefined);
        }
        const result = await runCli(["fetch", FEED, "--out", join(disk, "archive")]);
        expect(result.stderr).toMatch(expected);
        expect(result.stderr).not.toMatch(/E_INTERNAL|internal error/);
        expect(result.code).toBe(exit);
      } finally {
        execFileSync("umount", [disk]);
      }
    }),
  );
});

describe("fileSystemError", () => {
  const errno = (code: string) =>
    Object.assign(new Error(code), { code, path: "/a/b", syscall: "open" });
  it.each([
    ["EACCES", "E_PERMISSION", "permission denied"],
    ["EPERM", "E_PERMISSION", "permission denied"],
    ["EROFS", "E_READ_ONLY", "read-only file system"],
    ["ENOTDIR", "E_NOT_A_FOLDER", "a file stands where a folder is needed"],
    ["EEXIST", "E_NOT_A_FOLDER", "a file stands where a folder is needed"],
    ["EISDIR", "E_NOT_A_FOLDER", "a folder stands where a file is needed"],
    ["ENOENT", "E_NO_FOLDER", "no such file or folder"],
    ["ENOSPC", "E_DISK_FULL", "no space left on the device"],
    ["EDQUOT", "E_DISK_FULL", "disk quota exceeded"],
  ])("%s is %s", (code, ours, what) => {
    const error = fileSystemError(errno(code));
    expect(error?.code).toBe(ours);
    expect(error?.message).toBe(`/a/b: ${what} (open: ${code})`);
    expect(error?.suggestion).toBeTruthy();
  });

  it("leaves other errors alone: a bug stays a bug", () => {
    expect(fileSystemError(new TypeError("x is undefined"))).toBeUndefined();
    expect(fileSystemError(Object.assign(new Error("e"), { code: "EMFILE" }))).toBeUndefined();
  });
});
