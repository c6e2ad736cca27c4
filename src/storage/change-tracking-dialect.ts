/**
 * A Kysely dialect that tells the read cache about this process's writes: after every statement
 * that may write (anything that is not a plain `select`) and after every commit or rollback. Noting
 * the write after it completes is what matters: a read that started before cannot keep its result.
 */
import type { DatabaseConnection, Dialect, Driver } from "kysely";
import type { ReadCache } from "./read-cache.js";

const READ_ONLY = /^\s*select\s/i;

export function changeTrackingDialect(inner: Dialect, cache: ReadCache): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: () => trackingDriver(inner.createDriver(), cache),
  };
}

function trackingDriver(driver: Driver, cache: ReadCache): Driver {
  const tracked = new WeakSet<DatabaseConnection>();
  const after = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } finally {
      cache.noteWrite();
    }
  };
  // Connections are the driver's own objects (it may keep private state on them), so their
  // executeQuery is wrapped in place, once per connection.
  const track = (connection: DatabaseConnection): DatabaseConnection => {
    if (tracked.has(connection)) return connection;
    const execute = connection.executeQuery.bind(connection);
    connection.executeQuery = (query) => (READ_ONLY.test(query.sql) ? execute(query) : after(execute(query)));
    tracked.add(connection);
    return connection;
  };
  const rollbackToSavepoint = driver.rollbackToSavepoint?.bind(driver);
  return {
    init: () => driver.init(),
    acquireConnection: async () => track(await driver.acquireConnection()),
    beginTransaction: (connection, settings) => driver.beginTransaction(connection, settings),
    commitTransaction: (connection) => after(driver.commitTransaction(connection)),
    rollbackTransaction: (connection) => after(driver.rollbackTransaction(connection)),
    ...(driver.savepoint ? { savepoint: driver.savepoint.bind(driver) } : {}),
    ...(rollbackToSavepoint
      ? {
          rollbackToSavepoint: (connection, name, compile) =>
            after(rollbackToSavepoint(connection, name, compile)),
        }
      : {}),
    ...(driver.releaseSavepoint ? { releaseSavepoint: driver.releaseSavepoint.bind(driver) } : {}),
    releaseConnection: (connection) => driver.releaseConnection(connection),
    destroy: () => driver.destroy(),
  };
}
