/**
 * /api/v1/capture/address: the account's forwarding address (Settings → Forwarding address). GET
 * says whether there is one and since when (the secret is not kept); POST makes a new one, shown in
 * that answer only, and the previous one stops working.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { forwardingAddress, newForwardingAddress } from "../../app/capture/forwarding.js";
import type { Env, ServerState } from "../env.js";
import { json } from "./route-kit.js";

const tags = ["Capture"];

const AddressSchema = z
  .object({
    address: z.string().nullable(),
    createdAt: z.string().nullable(),
    domain: z.string(),
  })
  .openapi("ForwardingAddress");

export function registerCaptureAddressRoutes(app: OpenAPIHono<Env>, state: ServerState): void {
  const domain = () => state.options.mailDomain ?? "localhost";

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/capture/address",
      tags,
      summary: "Whether you have a forwarding address and when it was made (the address is shown only once)",
      responses: { 200: json(AddressSchema, "the forwarding address, without its secret") },
    }),
    async (c) => c.json(await forwardingAddress(c.get("ctx").db, c.get("ownerId"), domain()), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/capture/address",
      tags,
      summary: "Make a new forwarding address (shown once); mail to the old one is refused from now on",
      responses: { 201: json(AddressSchema.extend({ address: z.string() }), "the new address") },
    }),
    async (c) =>
      c.json(
        await newForwardingAddress(
          c.get("ctx").db,
          c.get("ownerId"),
          domain(),
          new Date(state.now()).toISOString(),
        ),
        201,
      ),
  );
}
