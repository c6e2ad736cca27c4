/**
 * Every route file, in the order their routes are matched and documented in /openapi.json: the
 * one place where a resource's routes, or a sub-app under its own prefix, are added to the server.
 */

import type { OpenAPIHono } from "@hono/zod-openapi";
import { createDavApp } from "../dav/dav-app.js";
import type { Env, ServerState } from "./env.js";
import { registerAskRoutes } from "./routes/asks.routes.js";
import { registerAuthRoutes } from "./routes/auth.routes.js";
import { registerCalendarRoutes } from "./routes/calendar.routes.js";
import { registerCaptureAddressRoutes } from "./routes/capture-address.routes.js";
import { registerCommitmentRoutes } from "./routes/commitments.routes.js";
import { registerDemoRoutes } from "./routes/demo.routes.js";
import { registerDepartmentRoutes } from "./routes/departments.routes.js";
import { registerDocsRoutes } from "./routes/docs.routes.js";
import { registerEventRoutes } from "./routes/events.routes.js";
import { registerExchangeRoutes } from "./routes/exchanges.routes.js";
import { registerExportRoutes } from "./routes/export.routes.js";
import { registerHealthRoutes } from "./routes/health.routes.js";
import { registerImportRoutes } from "./routes/import.routes.js";
import { registerInboxRoutes } from "./routes/inbox.routes.js";
import { registerInteractionRoutes } from "./routes/interactions.routes.js";
import { registerIntroductionRoutes } from "./routes/introductions.routes.js";
import { registerLedgerRoutes } from "./routes/ledger.routes.js";
import { registerMapRoutes } from "./routes/map.routes.js";
import { registerModeRoutes } from "./routes/mode.routes.js";
import { registerNeedRoutes } from "./routes/needs.routes.js";
import { registerOfferRoutes } from "./routes/offers.routes.js";
import { registerOrganizationRoutes } from "./routes/organizations.routes.js";
import { registerOwnOfferRoutes } from "./routes/own-offers.routes.js";
import { registerPeopleRoutes } from "./routes/people.routes.js";
import { registerProfileRoutes } from "./routes/profile.routes.js";
import { registerRecordRoutes } from "./routes/records.routes.js";
import { registerReminderRoutes } from "./routes/reminders.routes.js";
import { registerResolveRoutes } from "./routes/resolve.routes.js";
import { registerSearchRoutes } from "./routes/search.routes.js";
import { registerSuggestionRoutes } from "./routes/suggestions.routes.js";
import { registerTagRoutes } from "./routes/tags.routes.js";
import { registerTodayRoutes } from "./routes/today.routes.js";
import { registerTokenRoutes } from "./routes/tokens.routes.js";
import { registerUndoRoutes } from "./routes/undo.routes.js";
import { registerWeekRoutes } from "./routes/week.routes.js";
import { registerWebApp } from "./web-app.js";

export function registerRoutes(app: OpenAPIHono<Env>, state: ServerState): void {
  registerHealthRoutes(app, state);
  registerModeRoutes(app, state);
  registerAuthRoutes(app, state);
  registerTokenRoutes(app, state);
  registerPeopleRoutes(app);
  registerOrganizationRoutes(app);
  registerTagRoutes(app);
  registerExchangeRoutes(app);
  registerInteractionRoutes(app);
  registerAskRoutes(app);
  registerCommitmentRoutes(app);
  registerNeedRoutes(app);
  registerOfferRoutes(app);
  registerOwnOfferRoutes(app);
  registerIntroductionRoutes(app);
  registerRecordRoutes(app);
  registerUndoRoutes(app);
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
  registerImportRoutes(app, state);
  registerInboxRoutes(app);
  registerExportRoutes(app);
  registerDemoRoutes(app);
  registerCalendarRoutes(app, state);
  registerReminderRoutes(app, state);
  registerCaptureAddressRoutes(app, state);
  registerDocsRoutes(app);
  // Sub-apps with routes of their own (a protocol beside the JSON API) are mounted here, before the
  // web app, whose catch-all serves every other GET.
  app.route(
    "/",
    createDavApp({
      store: state.options.store,
      now: state.now,
      throttle: state.throttle,
      logger: state.options.logger,
    }),
  );
  registerWebApp(app);
}
