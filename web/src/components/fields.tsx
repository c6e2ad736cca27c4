/**
 * Form fields more than one screen asks for: the summary of a record, a choice among the domain's
 * words, "when", and the server's message about one field shown beside that field.
 */
import type { InputHTMLAttributes, ReactNode } from "react";
import { LIMITS } from "../../../src/domain/limits.js";
import { CHANNELS, EXCHANGE_KINDS } from "../../../src/domain/model.js";
import { ApiError } from "../api/client";
import { messageOf } from "./states";

/** "in_person" → "In person": a domain word as a person reads it. */
export function label(value: string): string {
  const text = value.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What a give, a thank-you, an ask, a promise or a moment was about, in a few words: required, and
 * as long as the API takes. `input` passes more attributes (the refusal's marks, autofocus).
 */
export function SummaryField({
  id,
  caption,
  value,
  onChange,
  placeholder,
  input,
}: {
  id: string;
  caption: ReactNode;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  input?: InputHTMLAttributes<HTMLInputElement>;
}) {
  return (
    <>
      <label htmlFor={id}>{caption}</label>
      <input
        id={id}
        required
        maxLength={LIMITS.summary}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder={placeholder}
        {...input}
      />
    </>
  );
}

const CHOICES = { channel: CHANNELS, kind: EXCHANGE_KINDS } as const;

/** How a moment happened (channel) or what kind of give it was (kind), as a labelled select. */
export function ChoiceField({
  id,
  choices,
  caption,
  value,
  onChange,
}: {
  id: string;
  choices: keyof typeof CHOICES;
  caption: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div>
      <label htmlFor={id}>{caption}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {CHOICES[choices].map((choice) => (
          <option key={choice} value={choice}>
            {label(choice)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** When it happened, in the words the API reads ("yesterday", "3 days ago", a date); empty = now. */
export function WhenField({
  id,
  value,
  onChange,
  caption = "When (optional)",
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  caption?: string;
}) {
  return (
    <div>
      <label htmlFor={id}>{caption}</label>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="today, yesterday, 2026-11-02"
      />
    </div>
  );
}

/** The request field a refusal names (the API's `details.field`), or null. */
export function refusedField(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const field = error.details?.field;
  return typeof field === "string" ? field : null;
}

/**
 * The server's refusal of one field, for a form whose inputs have the ids `${idPrefix}-${field}`:
 * `input(field)` marks that input (aria-invalid, aria-describedby) and `message(field)` is the
 * message to put beside it. `beside(fields)` tells whether the form shows it by a field, so the
 * banner below the form need not say it again.
 */
export function fieldErrors(error: unknown, idPrefix: string) {
  const field = refusedField(error);
  const messageId = (key: string) => `${idPrefix}-${key}-error`;
  return {
    input: (key: string) =>
      field === key ? { "aria-invalid": true as const, "aria-describedby": messageId(key) } : {},
    message: (key: string) =>
      field === key ? (
        <p id={messageId(key)} className="field-error" role="alert">
          {messageOf(error)}
        </p>
      ) : null,
    beside: (keys: readonly string[]) => field !== null && keys.includes(field),
  };
}
