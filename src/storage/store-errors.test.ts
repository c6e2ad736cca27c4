import { expect, it } from "vitest";
import { GoodwillError } from "../errors.js";
import { asGoodwillError, storeFailure, storeFailureKind } from "./store-errors.js";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

it("recognises a database that is down or restarting, a busy SQLite file and a full disk", () => {
  const unreachable = [
    withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"),
    withCode("read ECONNRESET", "ECONNRESET"),
    withCode("terminating connection due to administrator command", "57P01"),
    withCode("the database system is shutting down", "57P03"),
    withCode("the database system is starting up", "57P03"),
    withCode("connection failure", "08006"),
    new Error("Connection terminated unexpectedly"),
    new Error("Connection terminated"),
    new Error("Client has encountered a connection error and is not queryable"),
    new AggregateError([withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")], ""),
  ];
  for (const error of unreachable) expect(storeFailureKind(error), error.message).toBe("unreachable");
  expect(storeFailureKind(withCode("database is locked", "SQLITE_BUSY"))).toBe("busy");
  expect(storeFailureKind(withCode("database is locked", "SQLITE_BUSY_SNAPSHOT"))).toBe("busy");
  expect(storeFailureKind(withCode("database or disk is full", "SQLITE_FULL"))).toBe("full");
  expect(storeFailureKind(withCode("no space left on device, write", "ENOSPC"))).toBe("full");

  const full = storeFailure(withCode("database or disk is full", "SQLITE_FULL"));
  expect(full).toMatchObject({ code: "store_unavailable", message: expect.stringMatching(/disk is full/) });
  // the driver's error stays reachable, so a translated error is still recognised
  expect(storeFailureKind(full)).toBe("full");
  expect(storeFailure(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"))?.message).toMatch(
    /cannot be reached/,
  );
});

it("leaves everything else alone: constraint violations, programming errors, Goodwill's own errors", () => {
  expect(storeFailure(withCode("duplicate key value violates unique constraint", "23505"))).toBeNull();
  expect(
    storeFailure(withCode("UNIQUE constraint failed: people.id", "SQLITE_CONSTRAINT_PRIMARYKEY")),
  ).toBeNull();
  expect(storeFailure(new TypeError("x is undefined"))).toBeNull();
  expect(storeFailure(new GoodwillError("not_found", "No one is called Dan."))).toBeNull();
  expect(storeFailure("a string")).toBeNull();
});

it("turns any failure into the one error type: ours as it is, the store's as unavailable, the rest internal", () => {
  const notFound = new GoodwillError("not_found", "No one is called Dan.");
  expect(asGoodwillError(notFound, "inside")).toBe(notFound);
  expect(asGoodwillError(withCode("database or disk is full", "SQLITE_FULL"), "inside").code).toBe(
    "store_unavailable",
  );
  const internal = asGoodwillError(new TypeError("x is undefined"), "Something went wrong inside Goodwill.");
  expect([internal.code, internal.message]).toEqual(["internal", "Something went wrong inside Goodwill."]);
});
