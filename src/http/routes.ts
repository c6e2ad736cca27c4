/**
 * Every route file, in the order their routes are matched and documented in /openapi.json: the
 * one place where a resource's routes, or a sub-app under its own prefix, are added to the server.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Env, ServerState } from "./env.js";
import { registerAskRoutes } from "./routes/asks.routes.js";
import { registerAuthRoutes } from "./routes/auth.routes.js";
import { registerDepartmentRoutes } from "./routes/departments.routes.js";
import { registerDocsRoutes } from "./routes/docs.routes.js";
import { registerEventRoutes } from "./routes/events.routes.js";
import { registerHealthRoutes } from "./routes/health.routes.js";
import { registerIntroductionRoutes } from "./routes/introductions.routes.js";
import { registerLedgerRoutes } from "./routes/ledger.routes.js";
import { registerListRoutes } from "./routes/lists.routes.js";
import { registerMapRoutes } from "./routes/map.routes.js";
import { registerMomentRoutes } from "./routes/moments.routes.js";
import { registerNeedOfferRoutes } from "./routes/needs-offers.routes.js";
import { registerPeopleRoutes } from "./routes/people.routes.js";
import { registerProfileRoutes } from "./routes/profile.routes.js";
import { registerRecordRoutes } from "./routes/records.routes.js";
import { registerReminderRoutes } from "./routes/reminders.routes.js";
import { registerResolveRoutes } from "./routes/resolve.routes.js";
import { registerSearchRoutes } from "./routes/search.routes.js";
import { registerSuggestionRoutes } from "./routes/suggestions.routes.js";
import { registerTodayRoutes } from "./routes/today.routes.js";
import { registerTransferRoutes } from "./routes/transfer.routes.js";
import { registerWeekRoutes } from "./routes/week.routes.js";
import { registerWebApp } from "./web-app.js";

export function registerRoutes(app: OpenAPIHono<Env>, state: ServerState): void {
  registerHealthRoutes(app, state);
  registerAuthRoutes(app, state);
  registerPeopleRoutes(app);
  registerListRoutes(app);
  registerMomentRoutes(app);
  registerAskRoutes(app);
  registerNeedOfferRoutes(app);
  registerIntroductionRoutes(app);
  registerRecordRoutes(app);
  registerMapRoutes(app);
  registerEventRoutes(app);
  registerTodayRoutes(app);
  registerWeekRoutes(app);
  registerLedgerRoutes(app);
  registerSuggestionRoutes(app);
  registerSearchRoutes(app);
  registerProfileRoutes(app);
  registerDepartmentRoutes(app);
  registerResolveRoutes(app);
  registerTransferRoutes(app, state);
  registerReminderRoutes(app, state);
  registerDocsRoutes(app);
  // Sub-apps with routes of their own (a protocol beside the JSON API) are mounted here, before the
  // web app, whose catch-all serves every other GET.
  registerWebApp(app);
}
