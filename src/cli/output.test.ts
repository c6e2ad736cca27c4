import { beforeAll, describe, expect, it } from "vitest";
import { forTerminal, loadTextWidths, paint, sentence, table } from "./output.js";

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

describe("forTerminal", () => {
  it("shows control characters from the data as symbols, so none of them acts on the terminal", () => {
    // from a vCard: set the window title, clear the screen, ring the bell, return to the line's start
    const name = "Evil\u001b]0;pwned\u0007\u001b[2J Guy\rX";
    expect(forTerminal(name, false)).toBe("Evil␛]0;pwned␇␛[2J Guy␍X");
    // a C1 control (a one-byte CSI) and DEL
    expect(forTerminal("a\u009b2Jb\u007f", false)).toBe("a\ufffd2Jb\u2421");
  });

  it("drops right-to-left overrides and isolates, which would turn the rest of the line around", () => {
    expect(forTerminal("note \u202eyrros\u202c, then \u2067x\u2069", false)).toBe("note yrros, then x");
    // right-to-left scripts need none of them, and keep their letters
    expect(forTerminal("שלום Raj مرحبا", false)).toBe("שלום Raj مرحبا");
  });

  it("keeps newlines, tabs and Goodwill's own colours; other sequences are shown, colours or not", async () => {
    const p = await paint(true);
    const line = `${p.bold("Raj")}\t${p.red("overdrawn")}\nnext`;
    expect(forTerminal(line, true)).toBe(line);
    expect(forTerminal("\u001b[2J", true)).toBe("␛[2J");
    // a colour code that conceals the rest of the line is not one of Goodwill's
    expect(forTerminal("Hid\u001b[8mden", true)).toBe("Hid␛[8mden");
    expect(forTerminal("\u001b[31mred", false)).toBe("␛[31mred");
    const plain = "Nothing to escape: Zoë, 山田, 🎉";
    expect(forTerminal(plain, false)).toBe(plain);
  });
});
