/** Moving the keyboard's focus to what a state change brings back. */
import { useCallback, useEffect, useState } from "react";

/**
 * Focuses what `find` finds once the state changes made with it are on screen (a frame can come
 * before React has rendered them, when the element is not there yet).
 */
export function useFocusAfterRender(): (find: () => HTMLElement | null | undefined) => void {
  const [pending, setPending] = useState<{ find: () => HTMLElement | null | undefined } | null>(null);
  useEffect(() => {
    if (!pending) return;
    pending.find()?.focus();
    setPending(null);
  }, [pending]);
  return useCallback((find) => setPending({ find }), []);
}

/** The element carrying `data-<name>="<value>"`. */
export function byData(name: string, value: string): () => HTMLElement | null {
  return () => document.querySelector<HTMLElement>(`[data-${name}="${CSS.escape(value)}"]`);
}
