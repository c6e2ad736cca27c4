/**
 * Making a named secret (an API token, an app password): the form that names it, and the panel that
 * shows it once. Goodwill keeps only a fingerprint, so the panel is the one chance to copy it.
 */
import type { ReactNode } from "react";
import { CopyButton } from "../../components/copy-button";
import { FormError } from "../../components/states";

export function NewSecretForm(props: {
  id: string;
  label: string;
  placeholder: string;
  submit: string;
  name: string;
  setName: (name: string) => void;
  pending: boolean;
  error: unknown;
  onCreate: (name: string) => void;
}) {
  return (
    <form
      className="token-form"
      onSubmit={(event) => {
        event.preventDefault();
        props.onCreate(props.name.trim());
      }}
    >
      <label htmlFor={`${props.id}-name`}>{props.label}</label>
      <div className="inline-form">
        <input
          id={`${props.id}-name`}
          required
          maxLength={100}
          value={props.name}
          placeholder={props.placeholder}
          onChange={(event) => props.setName(event.target.value)}
        />
        <button type="submit" disabled={props.pending}>
          {props.pending ? "Creating…" : props.submit}
        </button>
      </div>
      <FormError error={props.error} />
    </form>
  );
}

export function SecretShownOnce(props: {
  name: string;
  secret: string;
  children: ReactNode;
  testId: string;
  copyLabel: string;
  dismiss: string;
  onDismiss: () => void;
}) {
  return (
    <div className="secret" role="status">
      <p>
        <strong>{props.name}</strong>: {props.children}
      </p>
      <code className="secret-value" data-testid={props.testId}>
        {props.secret}
      </code>
      <div className="buttons">
        <CopyButton text={props.secret} label={props.copyLabel} />
        <button type="button" className="secondary" onClick={props.onDismiss}>
          {props.dismiss}
        </button>
      </div>
    </div>
  );
}
