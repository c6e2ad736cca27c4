/**
 * What the app does after a write: read again everything the account shows. One function, so every
 * write (a form, the undo toast, an import, the outbox sending what waited offline) refreshes alike.
 */
import type { Query, QueryClient } from "@tanstack/react-query";

/** Everything but who is signed in (a write does not change that, and reading it again re-renders the app). */
const accountData = (query: Query) => query.queryKey[0] !== "me";

/**
 * Reads the account's screens again after a write. `except` leaves some queries out (a person just
 * deleted, whose page must not be read again).
 *
 * A first read still on its way may have left before the write reached the server; TanStack's
 * refetch joins such a read rather than start another (it cancels only reads of queries that
 * already have data), so its answer, older than the write, would stay for the whole stale time.
 * Those reads are cancelled first, and read again after the write.
 */
export async function refreshAfterWrite(
  client: QueryClient,
  except: (query: Query) => boolean = () => false,
): Promise<void> {
  const wanted = (query: Query) => accountData(query) && !except(query);
  await client.cancelQueries({
    predicate: (query) =>
      wanted(query) && query.state.data === undefined && query.state.fetchStatus === "fetching",
  });
  await client.invalidateQueries({ predicate: wanted });
}
