/**
 * Failures of the store that are nobody's fault and pass: the database restarting or unreachable,
 * another process holding SQLite's write lock, a full disk. They become `store_unavailable` (HTTP
 * 503 with Retry-After, exit code 5) with a message that says which, instead of an internal error.
 * The store's driver translates them (`storeErrorsDialect`); the CLI and the HTTP server ask
 * `storeFailure` again for errors that did not pass through it (a file written on a full disk).
 */
import type { DatabaseConnection, Dialect, Driver } from "kysely";
import { GoodwillError } from "../errors.js";

/** What a client is told to wait before trying again (the `Retry-After` header, in seconds). */
export const RETRY_AFTER_SECONDS = 5;

/** Node's errors for a connection that could not be made or was cut. */
const CONNECTION_ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTCONN",
]);
/** PostgreSQL's SQLSTATEs for a server that is shutting down, starting, or out of connections. */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
/** What `pg` says when a connection ends under it, or cannot be had from the pool in time. */
const CONNECTION_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|Connection terminated unexpectedly|timeout exceeded when trying to connect)/;

export type StoreFailureKind = "full" | "busy" | "unreachable";

/** Which passing failure a driver's or the file system's error is, if any (also through `cause`). */
export function storeFailureKind(error: unknown): StoreFailureKind | null {
  if (!(error instanceof Error)) return null;
  if (error instanceof GoodwillError) return storeFailureKind(error.cause);
  const code = String((error as { code?: unknown }).code ?? "");
  if (code === "SQLITE_FULL" || code === "ENOSPC" || code === "EDQUOT") return "full";
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "busy";
  if (
    CONNECTION_ERRNOS.has(code) ||
    UNAVAILABLE_SQLSTATES.has(code) ||
    code.startsWith("08") ||
    CONNECTION_MESSAGES.test(error.message)
  )
    return "unreachable";
  // Several addresses tried (localhost as ::1 and 127.0.0.1): Node reports them together.
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const kind = storeFailureKind(inner);
      if (kind) return kind;
    }
  }
  return null;
}

/** The store_unavailable error for a driver's or the file system's error, or null when it is not one. */
export function storeFailure(error: unknown): GoodwillError | null {
  if (error instanceof GoodwillError || !(error instanceof Error)) return null;
  const kind = storeFailureKind(error);
  if (kind === null) return null;
  const code = String((error as { code?: unknown }).code ?? "");
  const message =
    kind === "full"
      ? `The disk is full, so nothing could be written (${code}: ${error.message}). Free some space and try again.`
      : kind === "busy"
        ? "The store is busy: another process (an import, a backup) holds its write lock. Try again in a moment."
        : `The database cannot be reached just now (${code ? `${code}: ` : ""}${error.message}); it may be restarting. Try again in a moment.`;
  const failure = new GoodwillError("store_unavailable", message);
  // The driver's own error, for the log and for storeFailureKind.
  Object.defineProperty(failure, "cause", { value: error, enumerable: false });
  return failure;
}

/**
 * Any failure as the one error type: a GoodwillError as it is, a store failure as store_unavailable,
 * anything else as an internal error that says `internalMessage`.
 */
export function asGoodwillError(error: unknown, internalMessage: string): GoodwillError {
  if (error instanceof GoodwillError) return error;
  return storeFailure(error) ?? new GoodwillError("internal", internalMessage);
}

/**
 * What the store's driver has seen lately that a health check cannot see by reading: a write that
 * failed on a full disk (reads still work), until a write succeeds again.
 */
export class StoreCondition {
  diskFull: string | null = null;
}

/** Statements whose success says nothing about room for writes. */
const WRITES_NOTHING = /^\s*(select|pragma|begin|rollback)\b/i;

/** A Kysely dialect whose driver reports passing failures as `store_unavailable`. */
export function storeErrorsDialect(inner: Dialect, condition: StoreCondition): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: () => storeErrorsDriver(inner.createDriver(), condition),
  };
}

function storeErrorsDriver(driver: Driver, condition: StoreCondition): Driver {
  // A thunk: better-sqlite3 throws synchronously, before there is a promise to watch.
  const translated = async <T>(work: () => Promise<T>, writes = true): Promise<T> => {
    try {
      const result = await work();
      if (writes) condition.diskFull = null;
      return result;
    } catch (error) {
      const failure = storeFailure(error);
      if (failure === null) throw error;
      if (storeFailureKind(error) === "full") condition.diskFull = failure.message;
      throw failure;
    }
  };
  const wrapped = new WeakSet<DatabaseConnection>();
  const wrap = (connection: DatabaseConnection): DatabaseConnection => {
    if (wrapped.has(connection)) return connection;
    const execute = connection.executeQuery.bind(connection);
    connection.executeQuery = (query) => translated(() => execute(query), !WRITES_NOTHING.test(query.sql));
    wrapped.add(connection);
    return connection;
  };
  const rollbackToSavepoint = driver.rollbackToSavepoint?.bind(driver);
  return {
    init: () => driver.init(),
    acquireConnection: async () => wrap(await translated(() => driver.acquireConnection(), false)),
    beginTransaction: (connection, settings) =>
      translated(() => driver.beginTransaction(connection, settings), false),
    commitTransaction: (connection) => translated(() => driver.commitTransaction(connection)),
    rollbackTransaction: (connection) => translated(() => driver.rollbackTransaction(connection), false),
    ...(driver.savepoint ? { savepoint: driver.savepoint.bind(driver) } : {}),
    ...(rollbackToSavepoint ? { rollbackToSavepoint } : {}),
    ...(driver.releaseSavepoint ? { releaseSavepoint: driver.releaseSavepoint.bind(driver) } : {}),
    releaseConnection: (connection) => driver.releaseConnection(connection),
    destroy: () => driver.destroy(),
  };
}
