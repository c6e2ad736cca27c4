/** How many suggestions wait in the Inbox, beside its name in the navigation (nothing when none). */
import { useQuery } from "@tanstack/react-query";
import { api } from "../api/client";

export function InboxCount() {
  const inbox = useQuery({ queryKey: ["inbox"], queryFn: () => api.inbox(), staleTime: 60_000 });
  const open = inbox.data?.open ?? 0;
  if (open === 0) return null;
  return (
    <span className="badge nav-count">
      {open}
      <span className="visually-hidden"> waiting</span>
    </span>
  );
}
