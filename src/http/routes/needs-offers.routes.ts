/**
 * /api/v1/needs and /api/v1/offers: what people need and what they can help with; /api/v1/own-offers:
 * what the user can help with, matched against other people's needs.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { LIMITS } from "../../domain/limits.js";
import type { Env } from "../env.js";
import { NeedSchema, OfferSchema, OwnOfferSchema, RefParam } from "../schemas.js";
import { ERRORS, json, jsonBody } from "./route-kit.js";

const flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => v === "true" || v === "1");

const ListQuery = z.object({
  personId: z.string().min(1).max(200).optional().openapi({ description: "only this person's" }),
  all: flag.openapi({ description: "closed ones too" }),
});
const TextInput = z.object({ text: z.string().min(1).max(LIMITS.needOffer) });
const NewInput = TextInput.extend({ personId: z.string().min(1).max(200) });
const NeedPatch = z.object({
  text: z.string().min(1).max(LIMITS.needOffer).optional(),
  status: z.enum(["open", "met", "dropped"]).optional(),
});
const OfferPatch = z.object({
  text: z.string().min(1).max(LIMITS.needOffer).optional(),
  status: z.enum(["open", "withdrawn"]).optional(),
});

export function registerNeedOfferRoutes(app: OpenAPIHono<Env>): void {
  const tags = ["Needs and offers"];
  const list = (q: { personId?: string | undefined; all: boolean }) => ({
    ...(q.personId ? { personId: q.personId } : {}),
    all: q.all,
  });

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/needs",
      tags,
      summary: "Open needs (or all), of everyone or one person",
      request: { query: ListQuery },
      responses: { 200: json(z.object({ needs: z.array(NeedSchema) }), "needs"), ...ERRORS },
    }),
    async (c) => c.json(await c.get("service").listNeeds(list(c.req.valid("query"))), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/needs",
      tags,
      summary: "Note what a person needs or is working on",
      request: { body: jsonBody(NewInput) },
      responses: { 201: json(z.object({ need: NeedSchema }), "the need"), ...ERRORS },
    }),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(await c.get("service").addNeed(body.personId, body.text), 201);
    },
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/needs/{ref}",
      tags,
      summary: "Reword a need, or correct its status",
      request: { params: RefParam, body: jsonBody(NeedPatch) },
      responses: { 200: json(z.object({ need: NeedSchema }), "the need"), ...ERRORS },
    }),
    async (c) =>
      c.json(
        await c.get("service").editRecord("need", c.req.valid("param").ref, c.req.valid("json")),
        200,
      ) as never,
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/needs/{ref}/met",
      tags,
      summary: 'The need was met; `by` says who met it (a person id, or "me": recorded as a give)',
      request: {
        params: RefParam,
        body: {
          content: {
            "application/json": { schema: z.object({ by: z.string().min(1).max(200).optional() }) },
          },
          required: false,
        },
      },
      responses: { 200: json(z.object({ need: NeedSchema }), "the need, met"), ...ERRORS },
    }),
    async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as { by?: unknown };
      const by = typeof body.by === "string" ? body.by : undefined;
      return c.json(
        await c.get("service").closeNeed(c.req.valid("param").ref, { status: "met", ...(by ? { by } : {}) }),
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/needs/{ref}/drop",
      tags,
      summary: "The need no longer stands",
      request: { params: RefParam },
      responses: { 200: json(z.object({ need: NeedSchema }), "the need, dropped"), ...ERRORS },
    }),
    async (c) =>
      c.json(await c.get("service").closeNeed(c.req.valid("param").ref, { status: "dropped" }), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/offers",
      tags,
      summary: "Open offers (or all), of everyone or one person",
      request: { query: ListQuery },
      responses: { 200: json(z.object({ offers: z.array(OfferSchema) }), "offers"), ...ERRORS },
    }),
    async (c) => c.json(await c.get("service").listOffers(list(c.req.valid("query"))), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/offers",
      tags,
      summary: "Note what a person can help with",
      request: { body: jsonBody(NewInput) },
      responses: { 201: json(z.object({ offer: OfferSchema }), "the offer"), ...ERRORS },
    }),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(await c.get("service").addOffer(body.personId, body.text), 201);
    },
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/offers/{ref}",
      tags,
      summary: "Reword an offer, or correct its status",
      request: { params: RefParam, body: jsonBody(OfferPatch) },
      responses: { 200: json(z.object({ offer: OfferSchema }), "the offer"), ...ERRORS },
    }),
    async (c) =>
      c.json(
        await c.get("service").editRecord("offer", c.req.valid("param").ref, c.req.valid("json")),
        200,
      ) as never,
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/offers/{ref}/withdraw",
      tags,
      summary: "The offer no longer stands",
      request: { params: RefParam },
      responses: { 200: json(z.object({ offer: OfferSchema }), "the offer, withdrawn"), ...ERRORS },
    }),
    async (c) => c.json(await c.get("service").withdrawOffer(c.req.valid("param").ref), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/own-offers",
      tags,
      summary: "Your own open offers (or all)",
      request: { query: z.object({ all: flag.openapi({ description: "withdrawn ones too" }) }) },
      responses: { 200: json(z.object({ ownOffers: z.array(OwnOfferSchema) }), "your offers"), ...ERRORS },
    }),
    async (c) => c.json(await c.get("service").listOwnOffers({ all: c.req.valid("query").all }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/own-offers",
      tags,
      summary: "Note what you can help with; it is matched against other people's open needs",
      request: { body: jsonBody(TextInput) },
      responses: { 201: json(z.object({ ownOffer: OwnOfferSchema }), "your offer"), ...ERRORS },
    }),
    async (c) => c.json(await c.get("service").addOwnOffer(c.req.valid("json").text), 201),
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/own-offers/{ref}",
      tags,
      summary: "Reword an offer of yours, or correct its status",
      request: { params: RefParam, body: jsonBody(OfferPatch) },
      responses: { 200: json(z.object({ ownOffer: OwnOfferSchema }), "your offer"), ...ERRORS },
    }),
    async (c) =>
      c.json(
        await c.get("service").editRecord("own-offer", c.req.valid("param").ref, c.req.valid("json")),
        200,
      ) as never,
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/own-offers/{ref}/withdraw",
      tags,
      summary: "An offer of yours no longer stands",
      request: { params: RefParam },
      responses: { 200: json(z.object({ ownOffer: OwnOfferSchema }), "your offer, withdrawn"), ...ERRORS },
    }),
    async (c) => c.json(await c.get("service").withdrawOwnOffer(c.req.valid("param").ref), 200),
  );
}
