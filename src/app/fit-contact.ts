/**
 * An imported contact made to fit what the CLI and the API accept (src/domain/limits.ts): a value
 * they would refuse is left out, a text too long is shortened, a list too long is cut, and each of
 * these is a warning on the record, so that nothing is dropped in silence.
 */

import { isEmail, isPhone } from "../contract/input.js";
import { LIMITS } from "../domain/limits.js";
import {
  type ContactRecord,
  type FieldWarning,
  type LabelledValue,
  shownValue,
} from "../formats/contact-record.js";

const count = (n: number) => n.toLocaleString("en");

/**
 * Values refused one by one in warnings, per field of a record; the rest are counted in one more.
 * A hostile card of 100,000 bad emails would otherwise answer with 100,000 warnings.
 */
const SHOWN_REFUSALS = 10;

/** Cuts text to `max` characters without splitting a character made of two UTF-16 units. */
function cut(text: string, max: number): string {
  const head = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

/** The contact within the limits, and what had to change for that. */
export function fitContact(contact: ContactRecord): { contact: ContactRecord; warnings: FieldWarning[] } {
  const warnings: FieldWarning[] = [];
  const shorten = (field: string, words: string, text: string, max: number): string => {
    if (text.length <= max) return text;
    warnings.push({
      field,
      message: `${words} shortened to ${count(max)} characters (it had ${count(text.length)})`,
    });
    return cut(text, max).trimEnd();
  };
  const shortenOrNull = (field: string, words: string, text: string | null, max: number) =>
    text === null ? null : shorten(field, words, text, max);

  /** The values a person can keep, at most `max` of them. */
  const keep = (
    field: string,
    noun: { one: string; many: string },
    values: LabelledValue[],
    max: number,
    accept: (value: string) => string | null,
  ): LabelledValue[] => {
    const kept: LabelledValue[] = [];
    let refused = 0;
    for (const item of values) {
      const refusal = accept(item.value);
      if (refusal === null) kept.push(item);
      else if (++refused <= SHOWN_REFUSALS)
        warnings.push({ field, message: `${noun.one} ${shownValue(item.value)} ${refusal}: left out` });
    }
    if (refused > SHOWN_REFUSALS)
      warnings.push({
        field,
        message: `${count(refused - SHOWN_REFUSALS)} more ${noun.many} that cannot be kept, for reasons like those above: left out`,
      });
    if (kept.length <= max) return kept;
    warnings.push({
      field,
      message: `${count(kept.length)} ${noun.many}, more than the ${max} a person can have: the first ${max} kept, ${count(kept.length - max)} left out`,
    });
    return kept.slice(0, max);
  };

  const tags = contact.tags.map((tag) =>
    shorten("tags", `tag ${shownValue(tag.slice(0, 40))}`, tag, LIMITS.tag),
  );
  if (tags.length > LIMITS.tags)
    warnings.push({
      field: "tags",
      message: `${count(tags.length)} tags, more than the ${LIMITS.tags} a person can have: the first ${LIMITS.tags} kept, ${count(tags.length - LIMITS.tags)} left out`,
    });

  const fitted: ContactRecord = {
    ...contact,
    displayName: shorten("name", "name", contact.displayName, LIMITS.name),
    givenName: shortenOrNull("givenName", "given name", contact.givenName, LIMITS.name),
    familyName: shortenOrNull("familyName", "family name", contact.familyName, LIMITS.name),
    nickname: shortenOrNull("nickname", "nickname", contact.nickname, LIMITS.name),
    organization: shortenOrNull("organization", "organization", contact.organization, LIMITS.name),
    department: shortenOrNull("department", "department", contact.department, LIMITS.name),
    title: shortenOrNull("title", "title", contact.title, LIMITS.name),
    emails: keep("emails", { one: "email", many: "emails" }, contact.emails, LIMITS.emails, (v) =>
      isEmail(v) ? null : "is not an email address",
    ),
    phones: keep("phones", { one: "phone", many: "phones" }, contact.phones, LIMITS.phones, (v) =>
      isPhone(v) ? null : "is not a phone number",
    ),
    urls: keep("urls", { one: "link", many: "links" }, contact.urls, LIMITS.urls, (v) =>
      v.length <= LIMITS.url ? null : `is longer than ${count(LIMITS.url)} characters`,
    ),
    tags: tags.slice(0, LIMITS.tags),
    note: shortenOrNull("note", "note", contact.note, LIMITS.note),
    metText: shortenOrNull("metText", "how you met", contact.metText, LIMITS.metText),
    related: contact.related.map((r) => ({
      ...r,
      name: shorten("related", `${r.relation ?? "related person"}'s name`, r.name, LIMITS.name),
    })),
  };
  return { contact: fitted, warnings };
}
