/**
 * App passwords for phones over the API (Settings → Phone sync): list, make one (shown once), revoke.
 * Behind the API's own sign-in: a session or an API token makes them; an app password cannot.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { createDavPassword, davPasswords, revokeDav } from "../app/dav-passwords.js";
import type { Env } from "../http/env.js";
import { ERRORS, json, jsonBody } from "../http/routes/route-kit.js";
import { IdParam } from "../http/schemas.js";
import { findAccountOf } from "../storage/dav.repository.js";
import type { Store } from "../storage/store.js";
import { ADDRESS_BOOK } from "./dav-app.js";

const tags = ["Phone sync (CardDAV)"];

const DavPasswordSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("DavPassword");

export function registerDavPasswordRoutes(app: OpenAPIHono<Env>, store: Store, now: () => number): void {
  /** What a phone's account settings need besides the password: the user name and the address. */
  const account = async (ownerId: string) => ({
    username: (await findAccountOf(store.db, ownerId)) ?? "goodwill",
    path: ADDRESS_BOOK,
  });

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/dav-passwords",
      tags,
      summary: "Your app passwords for CardDAV (never the passwords themselves), and the user name to use",
      responses: {
        200: json(
          z.object({ passwords: z.array(DavPasswordSchema), username: z.string(), path: z.string() }),
          "app passwords",
        ),
      },
    }),
    async (c) =>
      c.json(
        { passwords: await davPasswords(store.db, c.get("ownerId")), ...(await account(c.get("ownerId"))) },
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/dav-passwords",
      tags,
      summary: "Make an app password for a phone's address book (shown once; it opens CardDAV only)",
      request: { body: jsonBody(z.object({ name: z.string() })) },
      responses: {
        201: json(
          z.object({
            id: z.string(),
            name: z.string(),
            password: z.string(),
            username: z.string(),
            path: z.string(),
          }),
          "the app password",
        ),
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const ownerId = c.get("ownerId");
      const made = await createDavPassword(
        store.db,
        ownerId,
        c.req.valid("json").name,
        new Date(now()).toISOString(),
      );
      return c.json({ ...made, ...(await account(ownerId)) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/dav-passwords/{id}",
      tags,
      summary: "Revoke an app password: the phone using it is signed out at its next sync",
      request: { params: IdParam },
      responses: { 200: json(z.object({ revoked: z.string() }), "revoked"), 404: ERRORS[404] },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await revokeDav(store.db, c.get("ownerId"), id, new Date(now()).toISOString());
      return c.json({ revoked: id }, 200);
    },
  );
}
