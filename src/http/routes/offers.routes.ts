/** /api/v1/offers: what people can help with. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { OfferSchema, RefParam } from "../schemas.js";
import { ListQuery, listFilter, NewInput, OfferPatch } from "./needs-offers-input.js";
import { ERRORS, json, jsonBody } from "./route-kit.js";

export function registerOfferRoutes(app: OpenAPIHono<Env>): void {
  const tags = ["Needs and offers"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/offers",
      tags,
      summary: "Open offers (or all), of everyone or one person",
      request: { query: ListQuery },
      responses: { 200: json(z.object({ offers: z.array(OfferSchema) }), "offers"), ...ERRORS },
    }),
    async (c) => c.json(await c.get("service").listOffers(listFilter(c.req.valid("query"))), 200),
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
}
