import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { detectFormat } from "../detect-format.js";
import { detectCaptureFormat } from "./detect-capture-format.js";

const CAPTURE = fileURLToPath(new URL("../../../../test/fixtures/capture/", import.meta.url));
const SHARED = fileURLToPath(new URL("../../../../../shared/fixtures/", import.meta.url));
const head = (path: string) =>
  readFileSync(path)
    .subarray(0, 64 * 1024)
    .toString("utf8");

describe("telling a mail or calendar file", () => {
  it("knows each capture fixture for what it is", () => {
    const found = Object.fromEntries(
      readdirSync(CAPTURE)
        .filter((file) => /\.(?:mbox|eml|ics)$/.test(file))
        .map((file) => [file, detectCaptureFormat(head(CAPTURE + file), file)]),
    );
    expect(found).toEqual({
      "apple-mail.mbox": "mbox",
      "apple.ics": "ics",
      "gmail-forward.eml": "eml",
      "google.ics": "ics",
      "outlook-forward.eml": "eml",
      "outlook.ics": "ics",
      "plain.eml": "eml",
      "takeout.mbox": "mbox",
      "thunderbird.mbox": "mbox",
    });
  });

  it("claims no address book: every vCard, CSV and backup stays detectFormat's", () => {
    const files = ["vcard", "csv"].flatMap((dir) =>
      readdirSync(SHARED + dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => `${entry.parentPath}/${entry.name}`),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(detectCaptureFormat(head(file), file), file).toBeNull();
    expect(detectCaptureFormat('{"format": "goodwill-backup"}', "backup.json")).toBeNull();
    expect(
      detectCaptureFormat("First Name,Last Name,E-mail Address\nAna,Lima,ana@example.com\n", "c.csv"),
    ).toBeNull();
  });

  it("and detectFormat claims none of the capture files", () => {
    for (const file of readdirSync(CAPTURE).filter((f) => /\.(?:mbox|eml|ics)$/.test(f))) {
      expect(detectFormat(head(CAPTURE + file)), file).toBeNull();
    }
  });

  it("reads a message's headers in any order, and does not take prose for them", () => {
    expect(
      detectCaptureFormat(
        "Return-Path: <a@x>\r\nDKIM-Signature: v=1;\r\n a=rsa\r\nFrom: a@x\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\nhi",
        "x.eml",
      ),
    ).toBe("eml");
    expect(detectCaptureFormat("From: the team\nWe wish you well.\n", "note.txt")).toBeNull();
    expect(detectCaptureFormat("From here on, notes.\n", "notes.mbox")).toBeNull();
    expect(detectCaptureFormat("\uFEFFBEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "cal.ics")).toBe("ics");
  });
});
