import { describe, expect, it } from "vitest";
import {
  eventKey,
  eventPhrase,
  eventsApart,
  goingColdOffer,
  groupAdvice,
  talkedWithMost,
} from "./event-groups.js";

const member = (name: string, contacts = 0, closeness = 3) => ({ id: name, name, contacts, closeness });

describe("events and the people met there", () => {
  it("names an event inside a sentence", () => {
    expect(eventPhrase("SMPS chapter lunch")).toBe("the SMPS chapter lunch");
    expect(eventPhrase("Met at the SMPS chapter lunch.")).toBe("the SMPS chapter lunch");
    expect(eventPhrase("Ana's book launch")).toBe("Ana's book launch");
    expect(eventPhrase("A board retreat")).toBe("a board retreat");
    // as people type where they met: no "the at Web Summit"
    expect(eventPhrase("at Web Summit")).toBe("the Web Summit");
    expect(eventPhrase("At the ACM conference")).toBe("the ACM conference");
    expect(eventPhrase("during the offsite")).toBe("the offsite");
    expect(eventKey("at Web Summit", "2025-11-01")).toBe(eventKey("Web Summit", "2025-11-01"));
    expect(eventPhrase("Attendee mixer")).toBe("the Attendee mixer");
  });

  it("knows one event under its spellings, and two on different days apart", () => {
    expect(eventKey("SMPS Chapter Lunch", "2026-10-14")).toBe(
      eventKey("met at the smps chapter-lunch", "2026-10-14"),
    );
    expect(eventKey("SMPS chapter lunch", "2026-10-14")).not.toBe(
      eventKey("SMPS chapter lunch", "2026-11-11"),
    );
  });

  it("names the three people talked with most, and nobody when nobody stands out", () => {
    const due = [
      member("Lee Chan", 4),
      member("Ana Ruiz", 2),
      member("Tom Berg", 1, 4),
      member("Kai Holt", 3),
      member("Ivy Moss"),
    ];
    expect(talkedWithMost(due, 3).map((m) => m.name)).toEqual(["Lee Chan", "Kai Holt", "Ana Ruiz"]);
    expect(talkedWithMost([member("A"), member("B"), member("C")], 3)).toEqual([]);
  });

  it("advises one note to the group and a personal line to the few", () => {
    const due = [
      member("Lee Chan", 3),
      member("Ana Ruiz", 2),
      ...Array.from({ length: 10 }, (_, i) => member(`P${i}`)),
    ];
    const advice = groupAdvice({ name: "SMPS chapter lunch", on: "2026-10-14" }, due, 3);
    expect(advice.title).toBe("12 people from the SMPS chapter lunch");
    expect(advice.action).toBe(
      "Send one follow-up note to the group, then a personal line to the two you talked with most: Lee Chan and Ana Ruiz.",
    );
    expect(advice.reason).toBe(
      "You met them at the SMPS chapter lunch on 14 October 2026, and all 12 are due in the same week: one note reaches them together.",
    );
  });

  it("offers a rhythm for weak ties going cold", () => {
    const offer = goingColdOffer({ name: "SMPS chapter lunch", on: "2026-10-14" }, 150);
    expect(offer.title).toBe("150 people from the SMPS chapter lunch are going cold");
    expect(offer.action).toBe(
      "Keep in touch with all of them every 90 days, counted from the meeting, in one step.",
    );
  });

  it("several events in one listing: each line names its event, and its day when two share a name", () => {
    const lunchOct = { name: "SMPS chapter lunch", on: "2026-10-14" };
    const lunchNov = { name: "Met at the SMPS chapter lunch", on: "2026-11-11" };
    const summit = { name: "at Web Summit", on: "2026-11-03" };
    expect(eventsApart([lunchOct])).toEqual([null]);
    expect(eventsApart([lunchOct, summit, lunchNov])).toEqual([
      "the SMPS chapter lunch of 14 October 2026",
      "the Web Summit",
      "the SMPS chapter lunch of 11 November 2026",
    ]);
    const due = [member("A"), member("B"), member("C")];
    const lines = [lunchOct, summit, lunchNov].map(
      (e, i, all) => groupAdvice(e, due, 3, eventsApart(all)[i] ?? null).action,
    );
    expect(new Set(lines).size).toBe(3);
    expect(lines[1]).toBe(
      "Send one follow-up note to everyone from the Web Summit, then a personal line to anyone you talked with at length.",
    );
    expect(goingColdOffer(summit, 1, 90, "the Web Summit").action).toBe(
      "Keep in touch with the one from the Web Summit every 90 days, counted from the meeting, in one step.",
    );
  });
});
