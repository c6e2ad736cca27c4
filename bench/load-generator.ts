/**
 * A bounded HTTP load generator, run in its own process (forked by bench/http-load.ts) so that it
 * never shares an event loop with the server it loads. Each of N connections is a keep-alive socket
 * of its own that sends one request, reads the whole response, then sends the next, until the time
 * is up: a closed loop, so requests/s is what the server sustains at that concurrency.
 *
 * The mix of requests is fixed: weights become a repeating schedule (spread evenly, so any window
 * holds the same proportions), and each connection starts at its own place in it. Paths and bodies
 * may hold {person} and {term} (taken in turn from the connection's identity) and {unique} (a token
 * no other request of the run has: the summaries of ledger writes, checked against the store after).
 */
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

/** Only loopback: the generator refuses to load anything but this machine. */
const LOOPBACK = "127.0.0.1";

export interface RequestKind {
  name: string;
  method: "GET" | "POST";
  /** path and query, with placeholders */
  path: string;
  /** a JSON body, with placeholders */
  body?: string;
  /** how many of each schedule cycle are of this kind */
  weight: number;
  /** a write whose {unique} token is reported when a 2xx response acknowledges it */
  write?: boolean;
}

/** Who a connection is: its bearer token, and the people and search terms its requests name. */
export interface Identity {
  token: string;
  people: string[];
  terms: string[];
}

export interface LoadPlan {
  port: number;
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** connection i uses identities[i % identities.length] */
  identities: Identity[];
  kinds: RequestKind[];
  /** prefix of the {unique} tokens: different for every run */
  tag: string;
  timeoutMs: number;
}

export interface KindResult {
  name: string;
  /** latencies in ms of the requests started in the measured window */
  latencies: number[];
  errors: number;
}

export interface LoadResult {
  /** requests started in the measured window and answered (any status) */
  requests: number;
  /** from the end of the warm-up to the last answer of a measured request */
  elapsedMs: number;
  /** non-2xx answers and network errors, warm-up included */
  errors: number;
  errorSamples: string[];
  statuses: Record<string, number>;
  kinds: KindResult[];
  /** {unique} tokens of writes answered 2xx, warm-up included */
  acknowledged: string[];
  /** {unique} tokens of writes answered otherwise, or not at all */
  unacknowledged: string[];
  /** per connection, how long its first request (on a new socket) took, in ms */
  firstAnswerMs: number[];
}

/** Weights → a cycle of kind indexes, each kind spread evenly (smooth weighted round-robin). */
export function schedule(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const current = weights.map(() => 0);
  const cycle: number[] = [];
  for (let n = 0; n < total; n++) {
    let best = 0;
    for (let k = 0; k < weights.length; k++) {
      current[k] = (current[k] ?? 0) + (weights[k] ?? 0);
      if ((current[k] ?? 0) > (current[best] ?? 0)) best = k;
    }
    current[best] = (current[best] ?? 0) - total;
    cycle.push(best);
  }
  return cycle;
}

interface Answer {
  status: number;
  error?: string;
}

function send(
  agent: Agent,
  plan: LoadPlan,
  method: string,
  path: string,
  token: string,
  body: string | undefined,
): Promise<Answer> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = Buffer.byteLength(body);
    }
    const req = request({ host: LOOPBACK, port: plan.port, method, path, headers, agent }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
      res.on("error", (error) => resolve({ status: 0, error: error.message }));
    });
    req.setTimeout(plan.timeoutMs, () => req.destroy(new Error(`no answer in ${plan.timeoutMs} ms`)));
    req.on("error", (error) => resolve({ status: 0, error: error.message }));
    req.end(body);
  });
}

export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const cycle = schedule(plan.kinds.map((k) => k.weight));
  const kinds: KindResult[] = plan.kinds.map((k) => ({ name: k.name, latencies: [], errors: 0 }));
  const result: LoadResult = {
    requests: 0,
    elapsedMs: 0,
    errors: 0,
    errorSamples: [],
    statuses: {},
    kinds,
    acknowledged: [],
    unacknowledged: [],
    firstAnswerMs: [],
  };
  const started = performance.now();
  const measureFrom = started + plan.warmupMs;
  const stopAt = measureFrom + plan.durationMs;
  let lastAnswer = measureFrom;

  const connection = async (c: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const identity = plan.identities[c % plan.identities.length] as Identity;
    let seq = 0;
    for (let step = c * 7; performance.now() < stopAt; step++, seq++) {
      const k = cycle[step % cycle.length] as number;
      const kind = plan.kinds[k] as RequestKind;
      const unique = `${plan.tag}-c${c}-${seq}`;
      const fill = (text: string) =>
        text
          .replaceAll("{person}", identity.people[seq % identity.people.length] ?? "")
          .replaceAll("{term}", encodeURIComponent(identity.terms[seq % identity.terms.length] ?? ""))
          .replaceAll("{unique}", unique);
      const begun = performance.now();
      const answer = await send(
        agent,
        plan,
        kind.method,
        fill(kind.path),
        identity.token,
        kind.body && fill(kind.body),
      );
      const ended = performance.now();
      if (seq === 0) result.firstAnswerMs.push(ended - begun);
      const ok = answer.status >= 200 && answer.status < 300;
      const statusKey = answer.error ? "network error" : String(answer.status);
      result.statuses[statusKey] = (result.statuses[statusKey] ?? 0) + 1;
      if (!ok) {
        result.errors++;
        (kinds[k] as KindResult).errors++;
        if (result.errorSamples.length < 10)
          result.errorSamples.push(
            `${kind.method} ${kind.name}: ${answer.error ?? `status ${answer.status}`}`,
          );
      }
      if (kind.write) (ok ? result.acknowledged : result.unacknowledged).push(unique);
      if (begun >= measureFrom) {
        result.requests++;
        (kinds[k] as KindResult).latencies.push(ended - begun);
        if (ended > lastAnswer) lastAnswer = ended;
      }
    }
    agent.destroy();
  };
  await Promise.all(Array.from({ length: plan.connections }, (_, c) => connection(c)));
  result.elapsedMs = lastAnswer - measureFrom;
  return result;
}

// Forked as a script: run each plan the parent sends, answer with its result.
if (process.send && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.on("message", (plan: LoadPlan) => {
    runLoad(plan).then(
      (result) => process.send?.({ result }),
      (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
  process.on("disconnect", () => process.exit(0));
}
