import { performance } from "node:perf_hooks";
import { expect, it } from "vitest";
import { HOSTILE_SHAPES, ordinaryFile, piecesFor } from "../support/hostile-files.js";
import { describeEachDialect } from "../support/stores.js";
import { api } from "./support.js";

/*
 * Issue 11: one card of 20,000 EMAIL lines froze /healthz for 12 s. An import now gives the event
 * loop a turn every few milliseconds and after every batch, so the server keeps answering.
 *
 * Latency on a busy 2-core machine: one probe can be slowed by a collection of the heap or by the
 * machine itself, so the bound is on the median of all probes made while the import ran (at least
 * five of them), not on the slowest. A blocked server fails both: it manages a single probe, which
 * waits for the whole import.
 */

const vcard = (name: string) => {
  const shape = HOSTILE_SHAPES.find((s) => s.name === name);
  if (!shape) throw new Error(`no shape ${name}`);
  return shape;
};

/** A vCard file with the hostile cards of issue 11 between three thousand ordinary ones. */
function hostileVCardFile(): Uint8Array {
  const parts = [
    ordinaryFile("vcard", 300_000),
    vcard("EMAIL lines").file(20_000),
    vcard("TEL lines").file(20_000),
    vcard("CATEGORIES values").file(piecesFor(vcard("CATEGORIES values"), 500_000)),
    vcard("2.1 base64 lines").file(piecesFor(vcard("2.1 base64 lines"), 500_000)),
    vcard("quoted-printable soft breaks").file(piecesFor(vcard("quoted-printable soft breaks"), 500_000)),
    ordinaryFile("vcard", 300_000, 1_000_000),
  ];
  return Buffer.concat(parts);
}

/** A CSV file with rows of 20,000 emails in one cell between three thousand ordinary rows. */
function hostileCsvFile(): Uint8Array {
  const shape = HOSTILE_SHAPES.find((s) => s.name === "CSV list cell");
  if (!shape) throw new Error("no CSV shape");
  const ordinary = (first: number) =>
    Buffer.from(ordinaryFile("csv", 80_000, first))
      .toString("utf8")
      .replace(/^[^\n]*\n/, "");
  const [header, ...rows] = Buffer.from(shape.file(60_000)).toString("utf8").trimEnd().split("\r\n");
  const text = [
    "Name,Email,Phone,Tags",
    ordinary(0).trimEnd(),
    ...rows.map((row) => `${row},,`),
    ordinary(1_000_000).trimEnd(),
  ].join("\r\n");
  if (header !== "Name,Email") throw new Error("unexpected CSV shape");
  return new TextEncoder().encode(`${text}\r\n`);
}

/** Imports a file through the API while probing /healthz; the probes' latencies and the result. */
async function importWhileProbing(dialect: "sqlite" | "postgres", filename: string, file: Uint8Array) {
  const { app, call, account } = await api(dialect);
  const t = { token: (await account("ann@example.com")).token };
  let done = false;
  const importing = call("POST", `/api/v1/import?filename=${filename}`, { ...t, raw: file }).finally(() => {
    done = true;
  });
  const latencies: number[] = [];
  while (!done) {
    // A probe waits a timer's turn first, then asks: a loop blocked in either part shows in the time.
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const response = await app.request("http://127.0.0.1:4321/healthz", {
      headers: { host: "127.0.0.1:4321" },
    });
    expect(response.status).toBe(200);
    if (!done) latencies.push(performance.now() - started);
  }
  return { latencies, imported: await importing };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

describeEachDialect("an import running in the server", (dialect) => {
  it("leaves /healthz answering quickly while a hostile vCard file imports", {
    timeout: 120_000,
  }, async () => {
    const { latencies, imported } = await importWhileProbing(dialect, "hostile.vcf", hostileVCardFile());
    expect(latencies.length).toBeGreaterThanOrEqual(5);
    expect(median(latencies)).toBeLessThan(200);
    // and no freeze of seconds, as there was (the slowest probe may still meet a stall of the machine)
    expect(Math.max(...latencies)).toBeLessThan(2000);
    expect(imported.status).toBe(200);
    expect(imported.body.created).toBeGreaterThan(2500);
    expect(imported.body.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "emails" }),
        expect.objectContaining({ field: "tags" }),
      ]),
    );
  });

  it("leaves /healthz answering quickly while a CSV of huge list cells imports", {
    timeout: 120_000,
  }, async () => {
    const { latencies, imported } = await importWhileProbing(dialect, "hostile.csv", hostileCsvFile());
    expect(latencies.length).toBeGreaterThanOrEqual(5);
    expect(median(latencies)).toBeLessThan(200);
    // and no freeze of seconds, as there was (the slowest probe may still meet a stall of the machine)
    expect(Math.max(...latencies)).toBeLessThan(2000);
    expect(imported.status).toBe(200);
    expect(imported.body.created).toBeGreaterThan(2000);
    expect(imported.body.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: "emails" })]),
    );
    console.log(
      "LAT",
      dialect,
      latencies.length,
      median(latencies).toFixed(1),
      Math.max(...latencies).toFixed(1),
    );
  });
});
