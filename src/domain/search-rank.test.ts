import { expect, it } from "vitest";
import { rankSearchHits } from "./search-rank.js";

const hit = (refId: string, body: string, kind = "note") => ({ kind, refId, body });

it("ranks by how often the searched words occur, as prefixes with accents folded, for the length", () => {
  const hits = [
    hit("a", "a long note about many things, once Zürich, and then much more about other things"),
    hit("b", "Zürich zurich ZURICHSEE"),
    hit("c", "zurich report"),
    hit("d", "nothing here but the word azurich"),
  ];
  expect(rankSearchHits(hits, ["zur"], 10).map((h) => h.refId)).toEqual(["b", "c", "a", "d"]);
  expect(rankSearchHits(hits, ["zur"], 2).map((h) => h.refId)).toEqual(["b", "c"]);
});

it("breaks ties by kind, then id, whatever order the hits came in", () => {
  const hits = [hit("2", "walnut"), hit("1", "walnut"), hit("0", "walnut", "person")];
  expect(rankSearchHits(hits, ["walnut"], 10).map((h) => h.refId)).toEqual(["1", "2", "0"]);
  expect(rankSearchHits([...hits].reverse(), ["walnut"], 10).map((h) => h.refId)).toEqual(["1", "2", "0"]);
});
