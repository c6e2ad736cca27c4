/** Form fields more than one screen asks for: a choice among the domain's words, and "when". */
import { CHANNELS, EXCHANGE_KINDS } from "../../../src/domain/model.js";

/** "in_person" → "In person": a domain word as a person reads it. */
export function label(value: string): string {
  const text = value.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
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
