/**
 * A write recorded in the undo journal as the CLI and the API record it (service/journaled-service.ts),
 * for tests that call the use-cases directly: `journaled(ctx, asTheUserWrites("edit"), (tx) => …)`.
 * Without it a use-case writes no journal entry, and `undo` has nothing to undo.
 */
export function asTheUserWrites(action: string) {
  return {
    action,
    kind: action === "import" ? ("import" as const) : ("write" as const),
    describe: () => `test: ${action}`,
  };
}
