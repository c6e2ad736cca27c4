/** The loading, empty and error states every screen shows instead of a blank. */
import type { ReactNode } from "react";
import { ApiError } from "../api/client";
import { useServerReachable } from "../offline/offline-strip";

export function Loading({ what = "Loading" }: { what?: string }) {
  const reachable = useServerReachable();
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {what}…
      {/* paused until the server answers: nothing of this was kept on the device */}
      {!reachable && " Waiting for the server: this device has not kept it."}
    </p>
  );
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p>{messageOf(error)}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

/**
 * A form's error line: what went wrong, next to what the user typed (which stays). `shownBeside`:
 * the message is already shown beside the field it is about (fieldErrors in fields.tsx).
 */
export function FormError({ error, shownBeside = false }: { error: unknown; shownBeside?: boolean }) {
  if (!error || shownBeside) return null;
  return (
    <p className="form-error" role="alert">
      {messageOf(error)}
    </p>
  );
}

/**
 * The field a refusal is about: the server's `details.field`, or the path of the first request
 * check that failed (`details.issues`); null when it names none.
 */
export function errorField(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const field = error.details?.field;
  if (typeof field === "string") return field;
  const issues = error.details?.issues;
  const first = Array.isArray(issues) ? (issues[0] as { path?: unknown } | undefined) : undefined;
  return typeof first?.path === "string" && first.path !== "" ? first.path : null;
}

/** A refusal shown beside the field it is about (the field points at it with aria-describedby). */
export function FieldError({ id, error }: { id: string; error: unknown }) {
  return (
    <p id={id} className="form-error field-error" role="alert">
      {messageOf(error)}
    </p>
  );
}
