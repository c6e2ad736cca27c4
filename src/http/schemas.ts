/**
 * The shapes of the API, as zod schemas: they check every request and document every response in
 * /openapi.json. Responses are the same JSON documents as the CLI's --json (DESIGN §4.1).
 */
import { z } from "@hono/zod-openapi";
import { INTRODUCTION_MOVES, INTRODUCTION_STATUSES } from "../domain/introduction.js";
import { LIMITS } from "../domain/limits.js";
import { CHANNELS, DIRECTIONS, EXCHANGE_KINDS, INITIATORS, SUGGESTION_KINDS } from "../domain/model.js";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "not_found" }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi("Error");

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" } }),
});
export const RefParam = z.object({
  ref: z
    .string()
    .min(1)
    .max(200)
    .openapi({
      param: { name: "ref", in: "path" },
      description: "the number shown by the list (e.g. 3) or the id",
    }),
});

const nullableText = (max: number) => z.string().max(max).nullable();

/*
 * What a date field accepts, in words: zod's own text for a failed pattern names the pattern. These
 * are the messages of the failed check, read by src/contract/issue-message.ts.
 */
const DATE_WORDS = "must be a date such as 2026-03-14";
const PARTIAL_DATE_WORDS = "must be a date such as 1988-02-29, or --02-29 without a year";

export const PersonSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    givenName: z.string().nullable(),
    familyName: z.string().nullable(),
    nickname: z.string().nullable(),
    organization: z.string().nullable(),
    department: z.string().nullable(),
    title: z.string().nullable(),
    emails: z.array(z.string()),
    phones: z.array(z.string()),
    urls: z.array(z.string()),
    tags: z.array(z.string()),
    layer: z.number(),
    closeness: z.number(),
    cadenceDays: z.number().nullable(),
    ledgerMode: z.string(),
    isColleague: z.boolean(),
    birthday: z.string().nullable(),
    dates: z.array(z.object({ label: z.string(), date: z.string() })),
    met: z.object({
      text: z.string().nullable(),
      on: z.string().nullable(),
      throughId: z.string().nullable(),
    }),
    archived: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Person");

/** A birthday or other date that may lack its year: YYYY-MM-DD or --MM-DD. */
const PARTIAL_DATE = /^(\d{4}|-)-\d{2}-\d{2}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const PersonInputSchema = z
  .object({
    name: z.string().min(1).max(LIMITS.name),
    givenName: nullableText(LIMITS.name).optional(),
    familyName: nullableText(LIMITS.name).optional(),
    nickname: nullableText(LIMITS.name).optional(),
    organization: nullableText(LIMITS.name).optional(),
    department: nullableText(LIMITS.name).optional(),
    title: nullableText(LIMITS.name).optional(),
    emails: z.array(z.string().max(LIMITS.email)).max(LIMITS.emails).optional(),
    phones: z.array(z.string().max(LIMITS.phone)).max(LIMITS.phones).optional(),
    urls: z.array(z.string().max(LIMITS.url)).max(LIMITS.urls).optional(),
    tags: z.array(z.string().min(1).max(LIMITS.tag)).max(LIMITS.tags).optional(),
    layer: z.union([z.literal(5), z.literal(15), z.literal(50), z.literal(150), z.literal(500)]).optional(),
    closeness: z.number().int().min(1).max(5).optional(),
    cadenceDays: z.number().int().min(0).max(3650).nullable().optional(),
    ledgerMode: z.enum(["track", "communal"]).optional(),
    metText: nullableText(LIMITS.metText).optional(),
    metOn: z.string().regex(DAY, DATE_WORDS).nullable().optional(),
    metThrough: nullableText(LIMITS.name).optional().openapi({ description: "a person: id, email or name" }),
    birthday: z
      .string()
      .regex(PARTIAL_DATE, PARTIAL_DATE_WORDS)
      .nullable()
      .optional()
      .openapi({ example: "--04-12" }),
    archived: z.boolean().optional(),
  })
  .openapi("PersonInput");

export const PersonPatchSchema = PersonInputSchema.partial().openapi("PersonPatch");

export const BalanceSchema = z
  .object({
    gave: z.number().nullable(),
    received: z.number().nullable(),
    ratio: z.number().nullable(),
    label: z.enum(["overdrawn", "balanced", "giving", "untracked"]),
    entries: z.number(),
  })
  .openapi("Balance");

export const DueSchema = z
  .object({
    status: z.enum(["fresh", "due-soon", "due", "cooling", "dormant", "none"]),
    daysSinceContact: z.number().nullable(),
    cadenceDays: z.number().nullable(),
    overdueRatio: z.number().nullable(),
    priority: z.number(),
  })
  .openapi("Due");

export const StrengthSchema = z
  .object({
    score: z.number(),
    parts: z.object({
      recency: z.number(),
      frequency: z.number(),
      depth: z.number(),
      reciprocity: z.number(),
    }),
    explanation: z.array(z.string()),
  })
  .openapi("Strength");

export const SuggestionSchema = z
  .object({
    kind: z.enum(SUGGESTION_KINDS),
    person: z
      .object({ id: z.string(), name: z.string() })
      .openapi({ description: "whom it is for; for meet-new, the department where you know nobody" }),
    personId: z
      .string()
      .openapi({ deprecated: true, description: "use person.id; removed in the next release" }),
    personName: z
      .string()
      .openapi({ deprecated: true, description: "use person.name; removed in the next release" }),
    action: z.string(),
    reason: z.string(),
    otherPerson: z.object({ id: z.string(), name: z.string() }).optional(),
    department: z.object({ id: z.string(), name: z.string() }).optional(),
  })
  .openapi("Suggestion");

export const AskSchema = z
  .object({
    id: z.string(),
    number: z.number(),
    personId: z.string().nullable(),
    departmentId: z.string().nullable(),
    counterpart: z.string(),
    summary: z.string(),
    askedAt: z.string(),
    status: z.string(),
    resolvedAt: z.string().nullable(),
    exchangeId: z.string().nullable(),
  })
  .openapi("Ask");

export const CommitmentSchema = z
  .object({
    id: z.string(),
    number: z.number(),
    personId: z.string().nullable(),
    departmentId: z.string().nullable(),
    counterpart: z.string(),
    direction: z.string(),
    summary: z.string(),
    dueOn: z.string().nullable(),
    status: z.string(),
    late: z.boolean(),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
    exchangeId: z.string().nullable(),
  })
  .openapi("Commitment");

/** What a need and an offer have alike (src/contract/need-offer.ts). */
const NeedOrOfferFields = {
  id: z.string(),
  number: z.number(),
  personId: z.string(),
  person: z.string(),
  text: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
};

export const NeedSchema = z
  .object({
    ...NeedOrOfferFields,
    status: z.string().openapi({ description: "open, met or dropped" }),
    metBy: z.union([z.literal("me"), z.object({ id: z.string(), name: z.string() })]).nullable(),
    exchangeId: z.string().nullable(),
  })
  .openapi("Need");

export const OfferSchema = z
  .object({ ...NeedOrOfferFields, status: z.string().openapi({ description: "open or withdrawn" }) })
  .openapi("Offer");

export const OwnOfferSchema = z
  .object({
    id: z.string(),
    number: z.number().openapi({ description: "drawn from one sequence with the offers of other people" }),
    text: z.string(),
    status: z.string().openapi({ description: "open or withdrawn" }),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
  })
  .openapi("OwnOffer");

const PersonRef = z.object({ id: z.string(), name: z.string() });

export const IntroductionSchema = z
  .object({
    id: z.string(),
    number: z.number(),
    a: PersonRef,
    b: PersonRef,
    reason: z.string(),
    status: z.enum(INTRODUCTION_STATUSES),
    aAgreed: z.boolean(),
    bAgreed: z.boolean(),
    madeAt: z.string().nullable(),
    declinedAt: z.string().nullable(),
    outcome: z.string().nullable(),
    outcomeGood: z.boolean(),
    createdAt: z.string(),
    allowedMoves: z.array(z.enum(INTRODUCTION_MOVES)),
    messages: z.object({ toA: z.string(), toB: z.string() }),
    needsToSettle: z
      .array(
        z.object({
          number: z.number(),
          person: PersonRef,
          text: z.string(),
          by: PersonRef,
          status: z.enum(["open", "met"]),
        }),
      )
      .optional()
      .openapi({
        description:
          "only when it was just made: the open needs it was made for; answer with needs: met | open, or close or edit each need",
      }),
  })
  .openapi("Introduction");

/** Whom an entry, a thank-you or a promise is with (src/contract/counterpart.ts). */
export const CounterpartSchema = z
  .object({ kind: z.enum(["person", "department"]), id: z.string(), name: z.string() })
  .openapi("Counterpart");

export const EntrySchema = z
  .object({
    id: z.string(),
    direction: z.string(),
    kind: z.string(),
    weight: z.number(),
    summary: z.string(),
    occurredAt: z.string(),
    counterpart: CounterpartSchema,
    askId: z.string().nullable(),
    commitmentId: z.string().nullable(),
  })
  .openapi("Entry");

export const PreAskCheckSchema = z
  .object({
    balance: BalanceSchema,
    departmentBalance: BalanceSchema.nullable(),
    warning: z.string().nullable(),
    needs: z.array(z.object({ number: z.number(), text: z.string() })),
    suggestions: z.array(SuggestionSchema),
  })
  .openapi("PreAskCheck");

/** A person or a department: `personId`, or `departmentId`, or `department` by name ("IT", "Acme/IT"). */
export const CounterpartInput = z.object({
  personId: z.string().min(1).max(200).optional(),
  departmentId: z.string().min(1).max(200).optional(),
  department: z
    .string()
    .min(1)
    .max(400)
    .optional()
    .openapi({ description: 'a department by name: "IT" or "Acme/IT"' }),
});

const when = z.string().max(100).openapi({ description: "ISO-8601 time or YYYY-MM-DD (default now)" });

export const ExchangeInputSchema = CounterpartInput.extend({
  direction: z.enum(DIRECTIONS),
  kind: z.enum(EXCHANGE_KINDS).optional(),
  weight: z.number().min(0.25).max(8).optional(),
  summary: z.string().min(1).max(LIMITS.summary),
  occurredAt: when.optional(),
  channel: z.enum(CHANNELS).optional(),
  initiatedBy: z.enum(INITIATORS).optional(),
}).openapi("ExchangeInput");

export const InteractionInputSchema = z
  .object({
    personIds: z.array(z.string().min(1).max(200)).min(1).max(100),
    summary: z.string().min(1).max(LIMITS.summary),
    occurredAt: when.optional(),
    channel: z.enum(CHANNELS).optional(),
    initiatedBy: z.enum(INITIATORS).optional(),
    notes: z.string().max(LIMITS.momentNotes).nullable().optional(),
  })
  .openapi("InteractionInput");

export const AskInputSchema = CounterpartInput.extend({
  summary: z.string().min(1).max(LIMITS.summary),
  askedAt: when.optional(),
}).openapi("AskInput");

export const CommitmentInputSchema = CounterpartInput.extend({
  summary: z.string().min(1).max(LIMITS.summary),
  dueOn: z.string().regex(DAY, DATE_WORDS).nullable().optional(),
  direction: z.enum(["i_owe", "they_owe"]).default("i_owe"),
}).openapi("CommitmentInput");

export const ImportResultSchema = z
  .object({
    format: z.string(),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    skipped: z.number(),
    errors: z.array(z.object({ record: z.number(), line: z.number(), message: z.string() })),
    warnings: z
      .array(z.object({ record: z.number(), line: z.number(), field: z.string(), message: z.string() }))
      .openapi({ description: "values left out of or shortened in the records that were imported" }),
  })
  .openapi("ImportResult");

export const ProfileSchema = z
  .object({
    name: z.string().nullable(),
    organization: z.string().nullable(),
    department: z.string().nullable(),
    workWeek: z.array(z.string()),
    timeZone: z.string(),
  })
  .openapi("Profile");

/** Documents whose inner shape is described in DESIGN §4.1 and carries the schemas above. */
export const looseObject = (name: string) => z.object({}).passthrough().openapi(name);

/** A moment of contact, as logging one and correcting one answer it. */
export const MomentSchema = z
  .object({
    id: z.string(),
    occurredAt: z.string(),
    channel: z.string(),
    initiatedBy: z.string(),
    summary: z.string(),
    notes: z.string().nullable(),
    participants: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .openapi("Moment");
