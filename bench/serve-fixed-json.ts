/**
 * Child process of the HTTP benchmarks, the baseline server: bare `node:http` answering every
 * request (its body read and dropped) with the same JSON document, given as a file. No routing, no
 * authentication, no storage: what is left of a request once the application is taken away.
 *
 *   tsx bench/serve-fixed-json.ts <file with the JSON document>
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const file = process.argv[2];
if (!file) throw new Error("usage: serve-fixed-json.ts <json file>");
const body = readFileSync(file);
const server = createServer((req, res) => {
  req.on("data", () => {});
  req.on("end", () => {
    res.writeHead(req.method === "POST" ? 201 : 200, {
      "content-type": "application/json",
      "content-length": body.length,
    });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
const stop = () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
};
process.on("message", (message) => {
  if (message === "stop") stop();
});
process.on("disconnect", stop);
