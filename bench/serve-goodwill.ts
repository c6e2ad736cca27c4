/**
 * Child process of the HTTP benchmarks: Goodwill's real server (`startServer`) over the store a URL
 * or path names, on a free port of 127.0.0.1, request log off. Tells its parent the port, then
 * serves until the parent says "stop" (or disconnects), and closes the store on the way out.
 *
 * It also watches its own event loop: how late a 10 ms timer fires, from the last "reset" to
 * "stop". A long delay means requests (and new connections) waited for the loop, whatever the
 * database did; the figures go back to the parent before the process exits.
 *
 *   tsx bench/serve-goodwill.ts <store url or path>
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { startServer } from "../src/http/server.js";
import { openStore } from "../src/storage/store.js";

/** Event-loop delay in ms while the server was loaded. */
export interface EventLoopStats {
  p50: number;
  p99: number;
  max: number;
  /** how many times the 10 ms timer got to run */
  turns: number;
}

const location = process.argv[2];
if (!location) throw new Error("usage: serve-goodwill.ts <store url or path>");
const store = await openStore(location);
const server = await startServer({ store, host: "127.0.0.1", port: 0, log: false });
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  delay.disable();
  const ms = (ns: number) => Number((ns / 1e6).toFixed(1));
  const stats: EventLoopStats = {
    p50: ms(delay.percentile(50)),
    p99: ms(delay.percentile(99)),
    max: ms(delay.max),
    turns: delay.count,
  };
  if (process.connected) await new Promise((resolve) => process.send?.({ eventLoop: stats }, resolve));
  await server.close();
  await store.close();
  process.exit(0);
};
process.on("message", (message) => {
  if (message === "reset") delay.reset();
  if (message === "stop") void stop();
});
process.on("disconnect", () => void stop());
process.send?.({ port: Number(new URL(server.url).port) });
