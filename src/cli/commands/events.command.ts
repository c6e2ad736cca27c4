/** `events` and `event rhythm EVENT`: the moments with three or more people, and a rhythm for the weak ties met there. */
import type { Command } from "commander";
import { eventPhrase, longDay } from "../../domain/event-groups.js";
import { GoodwillError } from "../../errors.js";
import { plural, shellWord } from "../output.js";
import { act, type CliIo } from "../runtime.js";

export function registerEventCommands(program: Command, io: CliIo): void {
  program
    .command("events")
    .description("events (moments with three or more people, or people met alike): who you met there")
    .action(
      act(io, async (service) => {
        const result = await service.events();
        return {
          json: result,
          human: (p) =>
            result.events.length === 0
              ? 'No events yet. Log one with everyone you met: goodwill log "Ana Ruiz" "Lee Chan" "Tom Berg" "SMPS chapter lunch" --channel event --on 2026-10-14'
              : result.events
                  .map((e) => {
                    const cold =
                      e.goingCold > 0
                        ? `\n  ${p.yellow(`${e.goingCold} going cold`)}: ${p.cyan(`goodwill event rhythm ${shellWord(e.name)}`)}`
                        : "";
                    return `${p.bold(e.name)}  ${longDay(e.on)}  ${plural(e.people, "person", "people")} first met there, ${e.withoutRhythm} with no rhythm${cold}`;
                  })
                  .join("\n"),
        };
      }),
    );

  const event = program.command("event").description("what to do for the people of one event");
  event
    .command("rhythm")
    .description(
      "keep in touch with everyone first met at the event who has no rhythm yet: every 90 days (or --every), counted from the meeting",
    )
    .argument("<event>", "the event's name (as goodwill events lists it) or id")
    .option("--every <days>", "the rhythm in days, from 1 to 3650", "90")
    .action(
      act(io, async (service, ref: string, flags: { every: string }) => {
        const text = flags.every.trim();
        const days = Number(text);
        if (!/^\d+$/.test(text) || days < 1 || days > 3650)
          throw new GoodwillError(
            "invalid",
            `--every "${flags.every}" is not a number of days from 1 to 3650.`,
          );
        const result = await service.eventRhythm(ref, days);
        return {
          json: result,
          human: (p) =>
            result.updated.length === 0
              ? `Everyone you first met at ${eventPhrase(result.event.name)} has a rhythm already.`
              : `${p.bold(plural(result.updated.length, "person", "people"))} from ${eventPhrase(result.event.name)} (${longDay(result.event.on)}) now have a rhythm: every ${result.everyDays} days, counted from the meeting. goodwill today groups them when they are due; goodwill undo takes it back.`,
        };
      }),
    );
}
