/**
 * Correcting (issue 10): PATCH and DELETE on every kind of record, at the record's own path
 * (`/api/v1/exchanges/{ref}`, `/api/v1/notes/{ref}` …, service/http-routes.ts). One table drives
 * them, since each kind is corrected the same way; the undo journal is undo.routes.ts.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { RecordKind } from "../../contract/record-kind.js";
import { LIMITS } from "../../domain/limits.js";
import { CHANNELS, EXCHANGE_KINDS, INITIATORS } from "../../domain/model.js";
import type { RecordEdit } from "../../service/goodwill-service.js";
import { RECORD_PATHS } from "../../service/http-routes.js";
import type { Env } from "../env.js";
import {
  AskSchema,
  CommitmentSchema,
  CounterpartInput,
  EntrySchema,
  IntroductionSchema,
  MomentSchema,
  RefParam,
} from "../schemas.js";
import { personId } from "./people.routes.js";
import { counterpartRef, ERRORS, json, jsonBody } from "./route-kit.js";

const when = z
  .string()
  .max(100)
  .openapi({ description: "ISO-8601 time, YYYY-MM-DD, today, yesterday, 3 days ago" });

const counterpartPatch = CounterpartInput.partial();

const LedgerPatch = counterpartPatch
  .extend({
    summary: z.string().min(1).max(LIMITS.summary).optional(),
    kind: z.enum(EXCHANGE_KINDS).optional(),
    weight: z.number().min(0.25).max(8).optional(),
    occurredAt: when.optional(),
    direction: z.enum(["gave", "received"]).optional(),
  })
  .openapi("LedgerPatch");

const MomentPatch = z
  .object({
    summary: z.string().min(1).max(LIMITS.summary).optional(),
    notes: z.string().max(LIMITS.momentNotes).nullable().optional(),
    occurredAt: when.optional(),
    channel: z.enum(CHANNELS).optional(),
    initiatedBy: z.enum(INITIATORS).optional(),
    personIds: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
  })
  .openapi("MomentPatch");

const NotePatch = z.object({ body: z.string().min(1).max(LIMITS.note) }).openapi("NotePatch");

const PromisePatch = counterpartPatch
  .extend({
    summary: z.string().min(1).max(LIMITS.summary).optional(),
    dueOn: z.string().max(100).nullable().optional(),
    direction: z.enum(["i_owe", "they_owe"]).optional(),
    status: z.enum(["open", "dropped"]).optional(),
  })
  .openapi("PromisePatch");

const AskPatch = counterpartPatch
  .extend({
    summary: z.string().min(1).max(LIMITS.summary).optional(),
    askedAt: when.optional(),
    status: z.enum(["open", "declined", "withdrawn"]).optional(),
  })
  .openapi("AskPatch");

const IntroductionPatch = z
  .object({ reason: z.string().min(1).max(LIMITS.reason) })
  .openapi("IntroductionPatch");

const NoteSchema = z
  .object({ id: z.string(), personId: z.string(), body: z.string(), createdAt: z.string() })
  .openapi("Note");

const DeletedSchema = z
  .object({
    deleted: z.object({ kind: z.string(), id: z.string(), description: z.string() }),
  })
  .passthrough()
  .openapi("Deleted");

// Needs and offers (yours too) are corrected through their own PATCH (needs.routes.ts, offers.routes.ts, own-offers.routes.ts); their DELETE is here.
const EDITABLE: {
  kind: RecordKind;
  noun: string;
  body: z.ZodType;
  result: z.ZodType;
  key: string;
}[] = [
  { kind: "ledger", noun: "a ledger entry", body: LedgerPatch, result: EntrySchema, key: "entry" },
  { kind: "moment", noun: "a moment", body: MomentPatch, result: MomentSchema, key: "interaction" },
  { kind: "note", noun: "a note", body: NotePatch, result: NoteSchema, key: "note" },
  { kind: "promise", noun: "a promise", body: PromisePatch, result: CommitmentSchema, key: "commitment" },
  { kind: "ask", noun: "an ask", body: AskPatch, result: AskSchema, key: "ask" },
  {
    kind: "intro",
    noun: "an introduction",
    body: IntroductionPatch,
    result: IntroductionSchema,
    key: "introduction",
  },
];

const DELETABLE: { kind: RecordKind; noun: string }[] = [
  ...EDITABLE.map(({ kind, noun }) => ({ kind, noun })),
  { kind: "need", noun: "a need" },
  { kind: "offer", noun: "an offer" },
  { kind: "own-offer", noun: "an offer of yours" },
];

export function registerRecordRoutes(app: OpenAPIHono<Env>): void {
  const tags = ["Corrections and undo"];
  for (const spec of EDITABLE) {
    app.openapi(
      createRoute({
        method: "patch",
        path: `/api/v1${RECORD_PATHS[spec.kind]}/{ref}`,
        tags,
        summary: `Correct ${spec.noun}: only the fields given change`,
        request: { params: RefParam, body: jsonBody(spec.body) },
        responses: {
          200: json(z.object({ [spec.key]: spec.result }), `${spec.noun} as it is now`),
          ...ERRORS,
        },
      }),
      async (c) => {
        const service = c.get("service");
        const body = c.req.valid("json") as Record<string, unknown>;
        const { personId: p, departmentId: d, department: n, personIds, ...fields } = body;
        const edit: RecordEdit = { ...(fields as RecordEdit) };
        if (p !== undefined || d !== undefined || n !== undefined)
          edit.counterpart = await counterpartRef(service, {
            personId: p as string | undefined,
            departmentId: d as string | undefined,
            department: n as string | undefined,
          });
        if (Array.isArray(personIds)) {
          edit.personIds = [];
          for (const ref of personIds as string[]) edit.personIds.push(await personId(service, ref));
        }
        return c.json(await service.editRecord(spec.kind, c.req.valid("param").ref, edit), 200);
      },
    );
  }
  for (const spec of DELETABLE) {
    app.openapi(
      createRoute({
        method: "delete",
        path: `/api/v1${RECORD_PATHS[spec.kind]}/{ref}`,
        tags,
        summary: `Delete ${spec.noun} (undo brings it back)`,
        request: { params: RefParam },
        responses: { 200: json(DeletedSchema, "what was deleted"), ...ERRORS },
      }),
      async (c) => c.json(await c.get("service").deleteRecord(spec.kind, c.req.valid("param").ref), 200),
    );
  }
}
