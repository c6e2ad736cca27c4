import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type JsonPart, JsonSyntaxError, MAX_PART_BYTES, readJsonCollections } from "./json-collections.js";

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function parts(text: string | Uint8Array, size = 64 * 1024): Promise<JsonPart[]> {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  const out: JsonPart[] = [];
  for await (const part of readJsonCollections(chunks(bytes, size))) out.push(part);
  return out;
}

/** The document the parts describe, rebuilt. */
function rebuild(list: JsonPart[]): Record<string, unknown> {
  // A Map, so keys such as "toString" or "__proto__" are the document's own.
  const document = new Map<string, unknown>();
  for (const part of list) {
    if (part.kind === "value") document.set(part.key, part.value);
    else if (part.kind === "element") {
      if (!document.has(part.key)) document.set(part.key, []);
      const array = document.get(part.key) as unknown[];
      expect(part.index).toBe(array.length);
      array.push(part.value);
    } else if (!document.has(part.key)) document.set(part.key, []);
  }
  return Object.fromEntries(document);
}

async function failure(text: string): Promise<string> {
  try {
    await parts(text, 3);
  } catch (error) {
    expect(error).toBeInstanceOf(JsonSyntaxError);
    return (error as Error).message;
  }
  throw new Error("no failure");
}

describe("a JSON document of collections, read part by part", () => {
  it("gives back the document JSON.parse reads, whatever the chunks and the layout", async () => {
    const documents = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 8 }),
      fc.oneof(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 }), fc.jsonValue({ maxDepth: 2 })),
      { maxKeys: 6 },
    );
    await fc.assert(
      fc.asyncProperty(
        documents,
        fc.constantFrom(0, 1, 2, "\t"),
        fc.integer({ min: 1, max: 64 }),
        async (doc, indent, size) => {
          const text = JSON.stringify(doc, null, indent);
          expect(rebuild(await parts(text, size))).toEqual(JSON.parse(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("tells the line each record starts on", async () => {
    const text =
      '{\n  "format": "goodwill-backup",\n  "people": [\n    {"id": "a"},\n    {\n      "id": "b"\n    }\n  ],\n  "notes": []\n}\n';
    const list = await parts(text, 5);
    expect(list.map((p) => [p.kind, "line" in p ? p.line : null])).toEqual([
      ["value", 2],
      ["element", 4],
      ["element", 5],
      ["end", null],
      ["end", null],
    ]);
  });

  it("reads strings holding brackets, quotes and escapes, split anywhere", async () => {
    const doc = {
      notes: [{ body: 'a "quoted" ] } [ { \\ \\" text' }, "]", "\\", { x: [1, [2, [3]]] }],
      n: -1.5e3,
      t: true,
    };
    const text = JSON.stringify(doc);
    for (const size of [1, 2, 3, 7]) expect(rebuild(await parts(text, size))).toEqual(doc);
  });

  it("skips a byte-order mark, as a text editor may write one", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"a": [1]}')]);
    expect(rebuild(await parts(bytes, 2))).toEqual({ a: [1] });
  });

  it("refuses what is not one well-formed document, saying where", async () => {
    expect(await failure("")).toMatch(/empty/);
    expect(await failure("[1, 2]")).toMatch(/one JSON object/);
    expect(await failure('{"people": [{"id": 1}')).toMatch(/ends before the document does/);
    expect(await failure('{"people": [{"id": 1},]}')).toMatch(
      /record is missing in "people" \(after record 1\)/,
    );
    expect(await failure('{"people": [{"id": 1} {"id": 2}]}')).toMatch(
      /expected , or \] after record 1 of "people"/,
    );
    expect(await failure('{"people": [{"id": tru}]}')).toMatch(/record 1 of "people" is not valid JSON/);
    expect(await failure('{"a": 1, "a": 2}')).toMatch(/"a" appears twice/);
    expect(await failure('{"a": 1} x')).toMatch(/more after the end/);
    expect(await failure('{"a" 1}')).toMatch(/expected : after "a"/);
    expect(await failure('{\n\n"a": [1 2]}')).toMatch(/\(line 3\)/);
  });

  it("never fails other than with a syntax error, and agrees with JSON.parse on damaged text", async () => {
    const base = JSON.stringify(
      { format: "x", people: [{ id: "a", tags: ["b"] }, { id: "c" }], notes: [] },
      null,
      1,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(fc.nat(), fc.constantFrom("{", "}", "[", "]", ",", ":", '"', "\\", " ", "x", "1")),
          {
            maxLength: 3,
          },
        ),
        fc.integer({ min: 1, max: 16 }),
        async (flips, size) => {
          const chars = [...base];
          for (const [at, c] of flips) chars[at % chars.length] = c;
          const text = chars.join("");
          let expected: unknown;
          try {
            expected = JSON.parse(text);
          } catch {
            expected = undefined;
          }
          let got: Record<string, unknown> | undefined;
          try {
            got = rebuild(await parts(text, size));
          } catch (error) {
            expect(error).toBeInstanceOf(JsonSyntaxError);
            got = undefined;
          }
          const isCollections = typeof expected === "object" && expected !== null && !Array.isArray(expected);
          if (got !== undefined) expect(got).toEqual(expected);
          else if (isCollections) expect(text).toMatch(/"(\w+)"[\s\S]*"\1"\s*:/); // only a key given twice
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses a single record larger than any a backup holds, without reading the rest", async () => {
    const huge = `{"notes": [{"body": "${"x".repeat(MAX_PART_BYTES + 10)}"}]}`;
    await expect(parts(huge, 1024 * 1024)).rejects.toThrow(/larger than 16 MB/);
  });
});
