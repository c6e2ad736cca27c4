/** People's list comes in pages of 200, each a query of its own (the list and the selection share them). */
import { api, type Result } from "../../api/client";

export const PAGE = 200;

export type ListRequest = Parameters<typeof api.listPeople>[0];
export type PeopleRow = Result<"listPeople">["people"][number];

export function pageQuery(request: ListRequest, page: number) {
  return {
    queryKey: ["people", "list", request, page] as const,
    // The signal aborts a request whose answer nobody waits for any more (the search moved on, the
    // window flew past the page).
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      api.listPeople({ ...request, limit: PAGE, offset: page * PAGE }, signal),
  };
}
