/** /api/v1/tokens: your API tokens for the CLI and scripts: list, make, revoke. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { createApiToken, listApiTokens, revokeApiToken } from "../../app/accounts.js";
import type { Env, ServerState } from "../env.js";
import { IdParam } from "../schemas.js";
import { ERRORS, json, jsonBody } from "./route-kit.js";

const tags = ["Auth"];

export function registerTokenRoutes(app: OpenAPIHono<Env>, state: ServerState): void {
  const db = state.options.store.db;

  const TokenSchema = z
    .object({
      id: z.string(),
      name: z.string(),
      createdAt: z.string(),
      lastUsedAt: z.string().nullable(),
      revokedAt: z.string().nullable(),
    })
    .openapi("ApiToken");

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/tokens",
      tags,
      summary: "Your API tokens (never their secrets)",
      responses: { 200: json(z.object({ tokens: z.array(TokenSchema) }), "tokens") },
    }),
    async (c) => c.json({ tokens: await listApiTokens(db, c.get("ownerId")) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/tokens",
      tags,
      summary: "Make an API token (shown once)",
      request: { body: jsonBody(z.object({ name: z.string().min(1).max(100) })) },
      responses: {
        201: json(z.object({ id: z.string(), name: z.string(), token: z.string() }), "the token"),
        422: ERRORS[422],
      },
    }),
    async (c) =>
      c.json(
        await createApiToken(
          db,
          c.get("ownerId"),
          c.req.valid("json").name,
          new Date(state.now()).toISOString(),
        ),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/tokens/{id}",
      tags,
      summary: "Revoke an API token",
      request: { params: IdParam },
      responses: { 200: json(z.object({ revoked: z.string() }), "revoked"), 404: ERRORS[404] },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await revokeApiToken(db, c.get("ownerId"), id, new Date(state.now()).toISOString());
      return c.json({ revoked: id }, 200);
    },
  );
}
