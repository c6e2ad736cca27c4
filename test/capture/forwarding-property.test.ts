/**
 * Whatever reaches the forwarding address, the delivery either logs it or refuses it as `invalid`
 * (554): random bytes, and a forward mutated byte by byte, never raise anything else.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { deliverForwarded } from "../../src/app/capture/forwarding.js";
import { GoodwillError } from "../../src/errors.js";
import { readForwardedBlock } from "../../src/formats/read/mail/forwarded.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

const FORWARD = Buffer.from(
  [
    "From: Me <me@example.com>",
    "To: log-abcdefghijklmnopqrst@log.example.com",
    "Subject: Fwd: Thanks",
    "Message-ID: <p1@example.com>",
    "Date: Wed, 25 Nov 2026 08:00:00 +0000",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "---------- Forwarded message ---------",
    "From: Raj Patel <raj@example.com>",
    "Date: Mon, Nov 2, 2026 at 10:15 AM",
    "Subject: Thanks for the intro",
    "To: Me <me@example.com>",
    "",
    "Thanks for the intro!",
    "",
  ].join("\r\n"),
);

/** The forward with some of its bytes replaced. */
const mutated = fc
  .array(fc.tuple(fc.nat({ max: FORWARD.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 12 })
  .map((edits) => {
    const bytes = Buffer.from(FORWARD);
    for (const [at, value] of edits) bytes[at] = value;
    return bytes;
  });

it("reading a forward block never throws, whatever the text", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => {
      readForwardedBlock(text);
      readForwardedBlock(`---------- Forwarded message ---------\n${text}`);
    }),
    { numRuns: 300 },
  );
});

describeEachDialect("the forwarding address's delivery under hostile input", (dialect) => {
  it("random and mutated messages are logged or refused as invalid, nothing else", async () => {
    const ctx = await freshContext(dialect);
    const deliver = deliverForwarded(ctx.store, () => ctx.now);
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, fc.uint8Array({ maxLength: 600 })), async (bytes) => {
        try {
          await deliver([ctx.ownerId], bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(GoodwillError);
          expect((error as GoodwillError).code).toBe("invalid");
        }
      }),
      { numRuns: dialect === "sqlite" ? 60 : 25 },
    );
  });
});
