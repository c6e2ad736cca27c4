import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { refreshAfterWrite } from "../../web/src/api/refresh.js";

/** A server whose answer is the number of writes it has committed; each read is answered when told. */
function slowServer() {
  let committed = 0;
  const waiting: Array<() => void> = [];
  return {
    write: () => committed++,
    read: () =>
      new Promise<number>((resolve) => {
        const seen = committed; // the read sees the store as it was when it arrived
        waiting.push(() => resolve(seen));
      }),
    answerAll: () => {
      for (const answer of waiting.splice(0)) answer();
    },
    get waiting() {
      return waiting.length;
    },
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe("after a write, the screens read again", () => {
  it("a first read that left before the write is read again: its older answer does not stay", async () => {
    const server = slowServer();
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: false } } });
    // a screen opened just before the write: its first read is on its way, with nothing to show yet
    const screen = new QueryObserver(client, { queryKey: ["today"], queryFn: server.read });
    const seen: number[] = [];
    const stop = screen.subscribe((result) => {
      if (result.data !== undefined) seen.push(result.data);
    });
    await until(() => server.waiting === 1, "the first read");
    server.write();
    const refreshed = refreshAfterWrite(client);
    // the read that left before the write, and one after it
    await until(() => server.waiting === 2, "a read after the write");
    server.answerAll();
    await refreshed;
    await until(() => client.getQueryData(["today"]) !== undefined, "an answer");
    expect(client.getQueryData(["today"])).toBe(1);
    expect(seen).not.toContain(0);
    stop();
    client.clear();
  });

  it("a screen that shows data reads again, who is signed in is not read, and what is left out stays", async () => {
    const server = slowServer();
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: false } } });
    const reads = { me: 0, person: 0 };
    const people = new QueryObserver(client, { queryKey: ["people"], queryFn: server.read });
    const me = new QueryObserver(client, { queryKey: ["me"], queryFn: () => ++reads.me });
    const person = new QueryObserver(client, { queryKey: ["person", "p1"], queryFn: () => ++reads.person });
    const stops = [people, me, person].map((o) => o.subscribe(() => {}));
    await until(() => server.waiting === 1 && reads.me === 1 && reads.person === 1, "the first reads");
    server.answerAll();
    await until(() => client.getQueryData(["people"]) === 0, "the first answer");
    server.write();
    const refreshed = refreshAfterWrite(client, (q) => q.queryKey[0] === "person");
    await until(() => server.waiting === 1, "a read after the write");
    server.answerAll();
    await refreshed;
    expect(client.getQueryData(["people"])).toBe(1);
    expect(reads).toEqual({ me: 1, person: 1 });
    for (const stop of stops) stop();
    client.clear();
  });
});
