/** Shared queries and the write helper every screen uses. */
import { type QueryKey, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type UndoOffer, useOfferUndo } from "../components/undo-toast";
import { api, auth, isKeptOnDevice, undoIdOf } from "./client";
import { refreshAfterWrite } from "./refresh";

export const keys = {
  me: ["me"] as const,
  today: ["today"] as const,
  week: ["week"] as const,
  profile: ["profile"] as const,
  people: (filter: object) => ["people", filter] as const,
  person: (id: string) => ["person", id] as const,
  map: ["map"] as const,
  introductions: ["introductions"] as const,
  tokens: ["tokens"] as const,
  reminders: ["reminders"] as const,
};

/**
 * The session: signed in or not, the mode (local or team) and the account. Answered without a 401,
 * so the sign-in page loads with a quiet console.
 */
export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: auth.session, staleTime: 5 * 60_000 });
}

export function useProfile() {
  return useQuery({ queryKey: keys.profile, queryFn: api.profile });
}

/** What the toast says of a write kept on the device because the server could not be reached. */
export const KEPT_MESSAGE = "Saved on this device: it will be sent when the server is back.";

/**
 * A write: runs the request, then refreshes what it may have changed (everything the account shows
 * is cheap to reload, and a stale balance is worse than a second request). `optimistic` edits the
 * cache first and is rolled back if the server refuses (the edit keeps the time its data was read,
 * so "Offline — as of 10:42" stays true). `undo` says what was done once the server has answered,
 * and the toast offers to undo it; a write kept on the device to send later says so instead.
 */
export function useWrite<TInput, TResult>(
  write: (input: TInput) => Promise<TResult>,
  options: {
    optimistic?: { key: QueryKey; update: (old: unknown, input: TInput) => unknown };
    onSuccess?: (result: TResult, input: TInput) => void;
    /** what was done, for the undo toast (its undo id is the answer's, unless given) */
    undo?: (
      result: TResult,
      input: TInput,
    ) => string | (Omit<UndoOffer, "undoId"> & { undoId?: string | null });
  } = {},
) {
  const client = useQueryClient();
  const offerUndo = useOfferUndo();
  return useMutation({
    mutationFn: write,
    onMutate: async (input: TInput) => {
      const optimistic = options.optimistic;
      if (!optimistic) return undefined;
      await client.cancelQueries({ queryKey: optimistic.key });
      const previous = client.getQueriesData({ queryKey: optimistic.key });
      for (const query of client.getQueryCache().findAll({ queryKey: optimistic.key })) {
        if (query.state.data === undefined) continue;
        client.setQueryData(query.queryKey, optimistic.update(query.state.data, input), {
          updatedAt: query.state.dataUpdatedAt,
        });
      }
      return { previous };
    },
    onError: (_error, _input, context) => {
      for (const [key, data] of context?.previous ?? []) client.setQueryData(key, data);
    },
    onSuccess: (result, input) => {
      options.onSuccess?.(result, input);
      if (isKeptOnDevice(result)) {
        offerUndo({ message: KEPT_MESSAGE, undoId: null });
        return;
      }
      if (!options.undo) return;
      const said = options.undo(result, input);
      offerUndo({ undoId: undoIdOf(result), ...(typeof said === "string" ? { message: said } : said) });
    },
    onSettled: () => refreshAfterWrite(client),
  });
}
