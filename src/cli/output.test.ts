import { beforeAll, describe, expect, it } from "vitest";
import { loadTextWidths, paint, sentence, table } from "./output.js";

describe("table", () => {
  beforeAll(loadTextWidths);

  it("aligns columns by what a terminal shows: 日本語 names and emoji take two columns a character", () => {
    const text = table(
      [
        ["山田太郎", "IT", "due"],
        ["Raj Patel", "Finance", "ok"],
        ["Ana 🎉", "日本語チーム", "late"],
      ],
      { header: ["Name", "Where", "Due"] },
    );
    expect(text.split("\n")).toEqual([
      "Name       Where         Due",
      "山田太郎   IT            due",
      "Raj Patel  Finance       ok",
      "Ana 🎉     日本語チーム  late",
    ]);
  });

  it("counts no width for colour codes", async () => {
    const p = await paint(true);
    const lines = table([
      [p.red("overdrawn"), "x"],
      ["ok", "y"],
    ]).split("\n");
    expect(lines[1]).toBe("ok         y");
    expect(lines[0]).toBe(`${p.red("overdrawn")}  x`);
  });

  it("keeps a cell of several lines (a note typed over two) on its row", () => {
    const lines = table([
      ["2026-12-04", "note", "Fixed my laptop\nTwice \r\n\n  and the printer", "f45b21d9"],
      ["2026-12-03", "gave", "Coffee", "0a1b2c3d"],
    ]).split("\n");
    expect(lines).toEqual([
      "2026-12-04  note  Fixed my laptop ⏎ Twice ⏎ and the printer  f45b21d9",
      `2026-12-03  gave  ${"Coffee".padEnd("Fixed my laptop ⏎ Twice ⏎ and the printer".length)}  0a1b2c3d`,
    ]);
  });
});

describe("sentence", () => {
  it("ends text with one full stop, never after a stop it already has", () => {
    expect(sentence("Hiring a designer")).toBe("Hiring a designer.");
    expect(sentence("need someone who knows SharePoint asap!!")).toBe(
      "need someone who knows SharePoint asap!!",
    );
    expect(sentence("Anyone know a good lawyer?")).toBe("Anyone know a good lawyer?");
    expect(sentence("Reviews contracts (ask first.)")).toBe("Reviews contracts (ask first.)");
  });
});
