import { describe, expect, it } from "vitest";
import { SourceFile } from "../../src/legacy/sources.js";
import type { Scanned } from "../../src/pipeline/import-scan.js";
import { groupDuplicates, SAME_TITLE_WINDOW_MS } from "../../src/pipeline/import-select.js";

const HOUR = 60 * 60 * 1000;
const T0 = Date.UTC(2020, 8, 25);

type Row = Scanned & { titleKey: string };

/** A scanned file and its title key; each row says only how it differs from the first. */
function file(label: string, fields: Partial<Row> & { feed?: string } = {}): Row {
  const { feed = "dw", ...rest } = fields;
  return {
    file: new SourceFile("/m", label, feed, feed),
    hash: `hash-${label}`,
    titleKey: "默克尔访问北京",
    published: T0,
    timeSource: "header",
    fullness: 10,
    ...rest,
  };
}

const group = (rows: Row[]) =>
  groupDuplicates(
    rows,
    rows.map((r) => r.titleKey),
  );

describe("groupDuplicates", () => {
  it.each([
    {
      case: "same link (same hash), another id",
      files: [
        file("a", { hash: "h", titleKey: "一个标题甲乙" }),
        file("b", { hash: "h", titleKey: "另一个标题" }),
      ],
      groups: [["a", "b"]],
    },
    {
      case: "same title an hour apart",
      files: [file("a"), file("b", { published: T0 + HOUR })],
      groups: [["a", "b"]],
    },
    {
      case: "same title beyond the window: a recurring column",
      files: [file("a"), file("b", { published: T0 + SAME_TITLE_WINDOW_MS + 1 })],
      groups: [["a"], ["b"]],
    },
    {
      case: "same title, chained within the window",
      files: [
        file("a"),
        file("b", { published: T0 + 10 * HOUR }),
        file("c", { published: T0 + 20 * HOUR }),
      ],
      groups: [["a", "b", "c"]],
    },
    {
      case: "a title too short to tell",
      files: [file("a", { titleKey: "视频" }), file("b", { titleKey: "视频" })],
      groups: [["a"], ["b"]],
    },
    {
      case: "same title and hash in two feeds",
      files: [file("a", { hash: "h" }), file("b", { hash: "h", feed: "bbc" })],
      groups: [["a"], ["b"]],
    },
  ])("$case", ({ files, groups }) => {
    const labels = group(files).map((g) => g.members.map((m) => m.file.rel).sort());
    expect(labels.sort()).toEqual(groups);
  });

  it("keeps the fullest body and the earliest time, saying whose", () => {
    const [one] = group([
      file("early", { published: T0, timeSource: "git", fullness: 5 }),
      file("full", { published: T0 + HOUR, fullness: 50 }),
    ]);
    expect(one).toMatchObject({ published: T0, timeSource: "git" });
    expect(one?.keep.file.rel).toBe("full");
    expect(one?.timeFrom.file.rel).toBe("early");
  });
});
