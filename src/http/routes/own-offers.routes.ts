/** /api/v1/own-offers: what the user can help with, matched against other people's needs. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { OwnOfferSchema, RefParam } from "../schemas.js";
import { OfferPatch, TextInput } from "./needs-offers-input.js";
import { ERRORS, flag, json, jsonBody } from "./route-kit.js";

export function registerOwnOfferRoutes(app: OpenAPIHono<Env>): void {
  const tags = ["Needs and offers"];

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
