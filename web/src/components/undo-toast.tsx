/**
 * Undo (issue 10: a mistake costs one click). After a write the screen says what was done, with an
 * Undo button, for at least 15 seconds (longer while the pointer or the keyboard's focus is on it;
 * Ctrl+Z or ⌘Z outside a field presses it). Undo sends the write's journal id (the `Goodwill-Undo`
 * header) to `POST /api/v1/undo/{id}`, reloads what the screen shows, and says what the server
 * undid, or why it would not. One toast at a time: a newer write's replaces it (older ones stay
 * undoable from Settings).
 */
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from "react";
import { api } from "../api/client";
import { refreshAfterWrite } from "../api/refresh";
import { notAShortcut } from "./shortcut-keys";
import { messageOf } from "./states";

/** How long a toast stays when nobody is looking at it. */
export const UNDO_SHOWN_MS = 15_000;

export interface UndoOffer {
  /** what was done, as a sentence: "Thanked Kevin O'Brien." */
  message: string;
  /** the journal id that undoes it; null when the server wrote nothing (then no Undo button) */
  undoId: string | null;
  /**
   * Where the keyboard's focus goes once the undo is done and the screen read again (the button of
   * the row that came back); the toast's own sentence when this finds nothing.
   */
  refocus?: () => HTMLElement | null | undefined;
}

interface Toast extends UndoOffer {
  key: number;
  state: "offered" | "undoing" | "undone" | "refused";
}

const OfferUndo = createContext<(offer: UndoOffer) => void>(() => {});

/** Shows what a write did, with its Undo. */
export function useOfferUndo(): (offer: UndoOffer) => void {
  return useContext(OfferUndo);
}

/** For `refocus`: the button with this aria-label, once it is back on screen after an undo. */
export function buttonNamed(name: string): () => HTMLElement | null {
  return () => document.querySelector<HTMLElement>(`button[aria-label="${CSS.escape(name)}"]`);
}

let counter = 0;

export function UndoProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<Toast | null>(null);
  const offer = useCallback((next: UndoOffer) => setToast({ ...next, key: ++counter, state: "offered" }), []);
  return (
    <OfferUndo.Provider value={offer}>
      {children}
      <UndoToast toast={toast} setToast={setToast} />
    </OfferUndo.Provider>
  );
}

function UndoToast({
  toast,
  setToast,
}: {
  toast: Toast | null;
  setToast: (update: (old: Toast | null) => Toast | null) => void;
}) {
  const client = useQueryClient();
  const box = useRef<HTMLDivElement>(null);
  const sentence = useRef<HTMLParagraphElement>(null);
  // the pointer or the keyboard's focus is on the toast: it stays
  const [held, setHeld] = useState(false);
  const key = toast?.key;
  const state = toast?.state;

  useEffect(() => {
    if (key === undefined || held || state === "undoing") return;
    const timer = setTimeout(() => setToast((t) => (t?.key === key ? null : t)), UNDO_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [key, state, held, setToast]);

  // held while the pointer is over it or the keyboard's focus is in it; let go when it goes away
  useEffect(() => {
    const element = box.current;
    if (key === undefined || !element) {
      setHeld(false);
      return;
    }
    const hold = () => setHeld(true);
    const letGo = () => setHeld(false);
    const blur = (event: FocusEvent) => {
      if (!element.contains(event.relatedTarget as Node | null)) setHeld(false);
    };
    element.addEventListener("mouseenter", hold);
    element.addEventListener("mouseleave", letGo);
    element.addEventListener("focusin", hold);
    element.addEventListener("focusout", blur);
    return () => {
      element.removeEventListener("mouseenter", hold);
      element.removeEventListener("mouseleave", letGo);
      element.removeEventListener("focusin", hold);
      element.removeEventListener("focusout", blur);
    };
  }, [key]);

  const undo = useCallback(async () => {
    if (toast?.state !== "offered" || !toast.undoId) return;
    const { key: mine, undoId, refocus } = toast;
    const focusWasHere = () =>
      !!box.current?.contains(document.activeElement) || document.activeElement === document.body;
    setToast((t) => (t?.key === mine ? { ...t, state: "undoing" } : t));
    let next: Pick<Toast, "message" | "state">;
    try {
      const result = await api.undo(undoId);
      next = { message: result.summary, state: "undone" };
    } catch (error) {
      next = { message: messageOf(error), state: "refused" };
    }
    const hadFocus = focusWasHere();
    setToast((t) => (t?.key === mine ? { ...t, ...next } : t));
    // the button has gone: the sentence keeps the focus until the screen shows what came back
    if (hadFocus) requestAnimationFrame(() => sentence.current?.focus());
    await refreshAfterWrite(client);
    if (hadFocus && next.state === "undone" && refocus) {
      // what came back renders a moment after the data arrives: look for it for half a second
      const attempt = (left: number) =>
        requestAnimationFrame(() => {
          if (!focusWasHere()) return; // the user has moved on
          const found = refocus();
          if (found) found.focus();
          else if (left > 0) attempt(left - 1);
        });
      attempt(30);
    }
  }, [toast, setToast, client]);

  useEffect(() => {
    if (toast?.state !== "offered" || !toast.undoId) return;
    function onKey(event: KeyboardEvent) {
      const z = event.key.toLowerCase() === "z" && (event.ctrlKey || event.metaKey) && !event.shiftKey;
      // a field's Ctrl+Z is its own undo; an open dialog's keys are its own
      if (!z || event.altKey || notAShortcut(event)) return;
      event.preventDefault();
      void undo();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [toast, undo]);

  return (
    // The live region is always there (a region added with its text is not reliably read out).
    <div className="undo-region" role="status" aria-live="polite">
      {toast && (
        <div ref={box} key={toast.key} className={`undo-toast${toast.state === "refused" ? " refused" : ""}`}>
          <p ref={sentence} tabIndex={-1}>
            {toast.message}
          </p>
          {(toast.state === "offered" || toast.state === "undoing") && toast.undoId && (
            <button
              type="button"
              className="link"
              title="Undo (Ctrl+Z)"
              aria-busy={toast.state === "undoing"}
              onClick={() => void undo()}
            >
              {toast.state === "undoing" ? "Undoing…" : "Undo"}
            </button>
          )}
          <button
            type="button"
            className="undo-close"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={() => setToast((t) => (t?.key === toast.key ? null : t))}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
