/** `serve`, `user add|list|passwd|rm`, `token create|list|revoke` and `login`: Goodwill for a team. */
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Command } from "commander";
import { GoodwillError } from "../../errors.js";
import { configPath } from "../../service/remote-service.js";
import { openStore, type Store } from "../../storage/store.js";
import { plural, table } from "../output.js";
import { type CliIo, clock, type Globals, print, type Result, storeUrl } from "../runtime.js";

/** Runs work that needs the store itself (accounts live there, not behind the API). */
function direct<A extends unknown[]>(
  io: CliIo,
  work: (store: Store, now: number, globals: Globals, ...args: A) => Promise<Result | null>,
) {
  return async (...commanderArgs: unknown[]) => {
    const command = commanderArgs.at(-1) as Command;
    const globals = command.optsWithGlobals<Globals>();
    const now = clock(io.env);
    const store = await openStore(storeUrl(globals, io.env));
    try {
      const result = await work(store, now, globals, ...(commanderArgs.slice(0, -1) as A));
      if (result) await print(io, globals, result, now);
    } finally {
      await store.close();
    }
  };
}

// Accounts (and argon2, a native addon) load only for the commands that manage them.
const accounts = () => import("../../app/accounts.js");

async function accountOrFail(store: Store, email: string) {
  const { findAccount } = await accounts();
  const account = await findAccount(store.db, email);
  if (!account)
    throw new GoodwillError(
      "not_found",
      `There is no account for ${email}. Add one with "goodwill user add ${email} --password-stdin".`,
    );
  return account;
}

/** The password on standard input (all of it, less one trailing newline); never an argument. */
async function passwordFromStdin(io: CliIo, flags: { passwordStdin?: boolean }): Promise<string> {
  if (!flags.passwordStdin)
    throw new GoodwillError(
      "usage",
      "Pass the password on standard input with --password-stdin (never as an argument: it would end up in your shell history).",
    );
  return (await io.readStdin()).replace(/\r?\n$/, "");
}

const day = (iso: string) => iso.slice(0, 10);

type ServeFlags = { host: string; port: string; smtpPort?: string; mailDomain?: string };

/** The forwarding address's listener: off unless --smtp-port or GOODWILL_SMTP_PORT names a port. */
function smtpOptions(
  flags: ServeFlags,
  env: Record<string, string | undefined>,
): { port: number | null; mailDomain?: string } {
  const domain = flags.mailDomain !== undefined ? { mailDomain: flags.mailDomain } : {};
  const given = flags.smtpPort ?? env.GOODWILL_SMTP_PORT;
  if (given === undefined || given.trim() === "") return { port: null, ...domain };
  const port = Number(given);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new GoodwillError(
      "invalid",
      `${flags.smtpPort !== undefined ? "--smtp-port" : "GOODWILL_SMTP_PORT"} "${given}" is not a port number (0–65535).`,
    );
  return { port, ...domain };
}

export function registerServerCommands(program: Command, io: CliIo): void {
  program
    .command("serve")
    .description("run the web app and the HTTP API on this store")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on (0 picks a free one)", "4321")
    .option(
      "--smtp-port <port>",
      "also take mail for forwarding addresses on this port (env: GOODWILL_SMTP_PORT)",
    )
    .option("--mail-domain <domain>", "the domain of forwarding addresses (env: GOODWILL_MAIL_DOMAIN)")
    .action(async (flags: ServeFlags, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535)
        throw new GoodwillError("invalid", `--port "${flags.port}" is not a port number (0–65535).`);
      const smtp = smtpOptions(flags, io.env);
      const store = await openStore(storeUrl(globals, io.env));
      const { startServer } = await import("../../http/server.js");
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        // GOODWILL_NOW fixes the clock reminders are sent by (tests of time zones and restarts).
        const fixed = io.env.GOODWILL_NOW ? clock(io.env) : null;
        server = await startServer({
          store,
          host: flags.host,
          port,
          env: io.env,
          ...(fixed !== null ? { reminders: { clock: () => fixed } } : {}),
          smtp,
        });
      } catch (error) {
        await store.close();
        const code = (error as NodeJS.ErrnoException).code;
        const taken = (error as { smtpPort?: number }).smtpPort;
        if (code === "EADDRINUSE")
          throw new GoodwillError(
            "invalid",
            taken === undefined
              ? `Port ${port} is already in use: stop the other program or pass --port.`
              : `The SMTP port ${taken} is already in use: stop the other program or pass --smtp-port.`,
          );
        throw error;
      }
      // Ready to stop cleanly before saying it listens: a supervisor (or a test) may send SIGTERM as
      // soon as it reads the line, while the first reminder round is under way.
      const stopped = new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      io.out(`Goodwill is listening on ${server.url} (store: ${store.location})\n`);
      if (server.loginUrl)
        io.out(`Local mode: open this link to sign in (it works once):\n  ${server.loginUrl}\n`);
      else io.out(`Team mode: sign in with your account, or use an API token.\n`);
      io.out(`API reference: ${server.url}/api/docs\n`);
      if (server.smtpPort !== null)
        io.out(
          `Forwarding addresses: taking mail on SMTP port ${server.smtpPort} (see goodwill forwarding)\n`,
        );
      await stopped;
      await server.close();
      await store.close();
    });

  const user = program.command("user").description("accounts of a team server");
  user
    .command("add")
    .description("add an account; its people and history are private to it")
    .argument("<email>", "the account's email")
    .option("--name <name>", "the person's name")
    .option("--password-stdin", "read the password from standard input")
    .action(
      direct(
        io,
        async (store, now, _globals, email: string, flags: { name?: string; passwordStdin?: boolean }) => {
          const password = await passwordFromStdin(io, flags);
          const { addUser } = await accounts();
          const account = await addUser(
            store.db,
            { email, name: flags.name ?? null, password },
            new Date(now).toISOString(),
          );
          return {
            json: { account: { email: account.email, name: account.name } },
            human: () =>
              `Added the account ${account.email}. The server is in team mode from now on: sign in with this email and password.`,
          };
        },
      ),
    );

  user
    .command("list")
    .description("the accounts on this store: email, name, when added, active API tokens")
    .action(
      direct(io, async (store) => {
        const { listAccounts } = await accounts();
        const list = await listAccounts(store.db);
        return {
          json: { accounts: list },
          human: (p) =>
            list.length === 0
              ? 'No accounts: a server on this store runs in local mode. Add one with "goodwill user add EMAIL --password-stdin".'
              : table(
                  list.map((a) => [a.email, a.name ?? "–", day(a.createdAt), String(a.activeTokens)]),
                  { header: ["Email", "Name", "Added", "API tokens"], rightAlign: [3], paint: p },
                ),
        };
      }),
    );
  user
    .command("passwd")
    .description("set a new password for an account; its sessions end (its API tokens keep working)")
    .argument("<email>", "the account's email")
    .option("--password-stdin", "read the new password from standard input")
    .action(
      direct(io, async (store, now, _globals, email: string, flags: { passwordStdin?: boolean }) => {
        const password = await passwordFromStdin(io, flags);
        const account = await accountOrFail(store, email);
        const { setPassword } = await accounts();
        const { sessionsEnded } = await setPassword(
          store.db,
          account.ownerId,
          password,
          new Date(now).toISOString(),
        );
        return {
          json: { account: { email: account.email, name: account.name }, sessionsEnded },
          human: () =>
            `Set a new password for ${account.email}${sessionsEnded > 0 ? ` and signed out its ${plural(sessionsEnded, "session")}` : ""}. Its API tokens still work: see goodwill token list --user ${account.email}.`,
        };
      }),
    );
  user
    .command("rm")
    .description("remove an account and everything in it (export it first); refused for the last account")
    .argument("<email>", "the account's email")
    .option("--yes", "really remove it: its people, history, sessions and tokens go for good")
    .action(
      direct(io, async (store, _now, _globals, email: string, flags: { yes?: boolean }) => {
        const account = await accountOrFail(store, email);
        const { accountContents, removeAccount } = await accounts();
        if (!flags.yes) {
          const held = await accountContents(store.db, account.ownerId);
          throw new GoodwillError(
            "usage",
            `Removing ${account.email} deletes the account and everything in it for good: ${plural(held.people, "person", "people")}, ${plural(held.ledgerEntries, "ledger entry", "ledger entries")}, ${plural(held.moments, "moment")}. Keep a copy first (goodwill --as ${account.email} export --format json --out FILE), then add --yes.`,
            held,
          );
        }
        await removeAccount(store, account.email);
        return {
          json: { removed: { email: account.email, name: account.name } },
          human: () => `Removed the account ${account.email} and everything in it.`,
        };
      }),
    );

  const token = program.command("token").description("API tokens for scripts and the CLI");
  token
    .command("create")
    .description(
      "make an API token for an account (shown once); --dav: an app password for a phone's address book",
    )
    .option("--user <email>", "the account (needed, except --dav on a store without accounts)")
    .option("--name <name>", "what the token is for", "cli")
    .option("--dav", "an app password for CardDAV (phones, Thunderbird), which opens the address book only")
    .action(
      direct(io, async (store, now, _globals, flags: { user?: string; name: string; dav?: boolean }) => {
        if (flags.dav) return (await import("../../dav/dav-token.command.js")).davToken(store, now, flags);
        if (!flags.user) throw new GoodwillError("usage", "Say whose token it is: --user EMAIL.");
        const account = await accountOrFail(store, flags.user);
        const { createApiToken } = await accounts();
        const created = await createApiToken(
          store.db,
          account.ownerId,
          flags.name,
          new Date(now).toISOString(),
        );
        return {
          json: { id: created.id, name: created.name, token: created.token },
          human: () =>
            `${created.token}\n(shown once: keep it somewhere safe; revoke it with goodwill token revoke ${created.id} --user ${flags.user})`,
        };
      }),
    );
  token
    .command("list")
    .description("an account's API tokens and app passwords; --dav: app passwords only")
    .option("--user <email>", "the account (needed, except --dav on a store without accounts)")
    .option("--dav", "only the app passwords phones sign in with")
    .action(
      direct(io, async (store, now, _globals, flags: { user?: string; dav?: boolean }) => {
        const { davTokenList } = await import("../../dav/dav-token.command.js");
        if (flags.dav) {
          const dav = await davTokenList(store, now, flags);
          return {
            json: { username: dav.username, passwords: dav.passwords },
            human: () => (dav.lines.length === 0 ? "No app passwords." : dav.lines.join("\n")),
          };
        }
        if (!flags.user) throw new GoodwillError("usage", "Say whose tokens to list: --user EMAIL.");
        const { listApiTokens } = await accounts();
        const tokens = await listApiTokens(store.db, (await accountOrFail(store, flags.user)).ownerId);
        const dav = await davTokenList(store, now, flags);
        return {
          json: { tokens, davPasswords: dav.passwords },
          human: () =>
            [
              "API tokens:",
              ...(tokens.length === 0
                ? ["  none"]
                : tokens.map(
                    (t) =>
                      `  ${t.id}  ${t.name}  created ${t.createdAt.slice(0, 10)}${t.revokedAt ? "  revoked" : ""}`,
                  )),
              "App passwords (phones; revoke with --dav):",
              ...(dav.lines.length === 0 ? ["  none"] : dav.lines.map((l) => `  ${l}`)),
            ].join("\n"),
        };
      }),
    );
  token
    .command("revoke")
    .description("revoke an API token; --dav: an app password")
    .argument("<id>", "its id, as goodwill token list shows it")
    .option("--user <email>", "the account (needed, except --dav on a store without accounts)")
    .option("--dav", "the id is an app password's")
    .action(
      direct(io, async (store, now, _globals, id: string, flags: { user?: string; dav?: boolean }) => {
        if (flags.dav)
          return (await import("../../dav/dav-token.command.js")).davTokenRevoke(store, now, id, flags);
        if (!flags.user) throw new GoodwillError("usage", "Say whose token it is: --user EMAIL.");
        const { revokeApiToken } = await accounts();
        await revokeApiToken(
          store.db,
          (await accountOrFail(store, flags.user)).ownerId,
          id,
          new Date(now).toISOString(),
        );
        return { json: { revoked: id }, human: () => `Revoked ${id}.` };
      }),
    );

  program
    .command("login")
    .description("sign in to a team server: asks for email and password, keeps a token in your config (0600)")
    .argument("<url>", "the server, e.g. https://goodwill.example.com")
    .option("--email <email>", "your account's email (else read from standard input)")
    .action(async (url: string, flags: { email?: string }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const input = (await io.readStdin()).split(/\r?\n/);
      const email = flags.email ?? input.shift() ?? "";
      const password = input.shift() ?? "";
      if (!email || !password)
        throw new GoodwillError(
          "usage",
          "Give your email (--email or the first line of standard input) and your password (the next line).",
        );
      const server = url.replace(/\/+$/, "");
      let response: Response;
      try {
        response = await fetch(`${server}/api/v1/auth/token`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password, name: "goodwill login" }),
        });
      } catch (error) {
        throw new GoodwillError("store_unavailable", `Cannot reach ${server}: ${(error as Error).message}.`);
      }
      const document = (await response.json().catch(() => ({}))) as {
        token?: string;
        error?: { code: string; message: string };
      };
      // A refused password is the user's mistake (4); 5 is kept for a server that cannot answer.
      if (response.status === 401)
        throw new GoodwillError(
          "invalid",
          `Sign-in refused by ${server}: wrong email or password. Check both and try again.`,
        );
      if (response.status === 400 || response.status === 422)
        throw new GoodwillError(
          "invalid",
          document.error?.message ?? "The server refused that email or password.",
        );
      if (response.status === 429)
        throw new GoodwillError(
          "rate_limited",
          document.error?.message ?? "Too many sign-in attempts: wait a little and try again.",
        );
      if (!response.ok || !document.token) {
        throw new GoodwillError(
          "store_unavailable",
          `${server} did not sign you in: ${document.error?.message ?? `it answered ${response.status}`}. Is it a Goodwill server in team mode?`,
        );
      }
      const path = configPath(io.env);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await writeFile(path, `${JSON.stringify({ server, token: document.token }, null, 2)}\n`, {
        mode: 0o600,
      });
      await chmod(path, 0o600);
      await print(
        io,
        globals,
        {
          json: { server, config: path },
          human: () =>
            `Signed in to ${server} as ${email}. Commands now work there (the token is in ${path}).`,
        },
        clock(io.env),
      );
    });
}
