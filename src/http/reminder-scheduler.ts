/**
 * The reminder scheduler inside `goodwill serve`: a round at start and then at the top of every
 * minute (croner, with overrun protection: a slow round is never run twice at once). Each round asks
 * every account whether a note is due in its own time zone; the delivery log in the store decides
 * who sends (see reminder.repository.ts), so a restart or a second server never sends twice. A round
 * that fails (the database restarting) is logged and the next minute tries again.
 */
import { Cron } from "croner";
import type { Logger } from "pino";
import type { Senders } from "../app/reminders/deliver.js";
import type { ReminderEnvironment } from "../app/reminders/environment.js";
import type { DeliveryOutcome } from "../contract/reminders.js";
import type { Store } from "../storage/store.js";
import { storeFailure } from "../storage/store-errors.js";

export interface ReminderScheduler {
  /** one round now (or the round under way), with what it did */
  runNow(): Promise<DeliveryOutcome[]>;
  stop(): Promise<void>;
}

export function startReminderScheduler(options: {
  store: Store;
  clock: () => number;
  env: () => ReminderEnvironment;
  logger?: Logger;
  senders?: Senders;
  /** false: no timer, rounds only on runNow (tests) */
  timer?: boolean;
}): ReminderScheduler {
  let running: Promise<DeliveryOutcome[]> | null = null;
  let stopped = false;

  const round = async (): Promise<DeliveryOutcome[]> => {
    const { deliverDue } = await import("../app/reminders/deliver.js");
    return deliverDue({
      store: options.store,
      now: options.clock(),
      env: options.env(),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.senders ? { senders: options.senders } : {}),
    });
  };
  const runNow = (): Promise<DeliveryOutcome[]> => {
    if (stopped) return Promise.resolve([]);
    running ??= round()
      .catch((error: unknown) => {
        const failure = storeFailure(error);
        if (failure)
          options.logger?.warn(
            { reason: failure.message },
            "reminders: store unavailable, next round in a minute",
          );
        else options.logger?.error({ err: error }, "reminders: round failed");
        return [];
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const cron =
    options.timer === false
      ? null
      : new Cron("* * * * *", { protect: true }, async () => {
          await runNow();
        });
  if (options.timer !== false) void runNow();
  return {
    runNow,
    async stop() {
      stopped = true;
      cron?.stop();
      await running;
    },
  };
}
