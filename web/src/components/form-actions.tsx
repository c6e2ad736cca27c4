/** The buttons at the foot of a form: Cancel when the form can be left, and the submit. */

/**
 * `submit` names what it does ("Save the profile"); while `busy` (the write is under way) it says
 * "Saving…" and cannot be pressed twice. `className` is the row's ("actions", or "buttons" inline).
 */
export function FormActions({
  submit,
  busy,
  disabled = false,
  onCancel,
  className = "actions",
}: {
  submit: string;
  busy: boolean;
  disabled?: boolean;
  onCancel?: () => void;
  className?: string;
}) {
  return (
    <div className={className}>
      {onCancel && (
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      )}
      <button type="submit" disabled={busy || disabled}>
        {busy ? "Saving…" : submit}
      </button>
    </div>
  );
}
