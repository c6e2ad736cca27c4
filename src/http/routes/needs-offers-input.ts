/** What needs and offers (and the user's own offers) are listed and written with: the same shapes for each. */
import { z } from "@hono/zod-openapi";
import { LIMITS } from "../../domain/limits.js";
import { flag } from "./route-kit.js";

export const ListQuery = z.object({
  personId: z.string().min(1).max(200).optional().openapi({ description: "only this person's" }),
  all: flag.openapi({ description: "closed ones too" }),
});
export const TextInput = z.object({ text: z.string().min(1).max(LIMITS.needOffer) });
export const NewInput = TextInput.extend({ personId: z.string().min(1).max(200) });
/** A need's or an offer's PATCH: new text, or a status among the given ones. */
export const patchOf = <const S extends readonly [string, ...string[]]>(statuses: S) =>
  z.object({
    text: z.string().min(1).max(LIMITS.needOffer).optional(),
    status: z.enum(statuses).optional(),
  });
export const OfferPatch = patchOf(["open", "withdrawn"]);

/** The list query as the service takes it. */
export const listFilter = (q: { personId?: string | undefined; all: boolean }) => ({
  ...(q.personId ? { personId: q.personId } : {}),
  all: q.all,
});
