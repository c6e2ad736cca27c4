import { useEffect } from "react";

/** The browser tab says which screen (or person) this is: "Raj Patel · Goodwill". */
export function useTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Goodwill` : "Goodwill";
  }, [title]);
}
