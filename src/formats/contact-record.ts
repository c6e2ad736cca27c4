import type { PartialDate } from "../domain/model.js";

/**
 * One contact as every address-book reader produces it and every writer consumes it: the common
 * ground between vCard, the CSV layouts and Goodwill's people. Pure data, no storage ids.
 */
export interface ContactRecord {
  /** The source's stable id (vCard UID), used to match a re-import to the same person. */
  uid: string | null;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  nickname: string | null;
  emails: LabelledValue[];
  phones: LabelledValue[];
  /** Web pages and social profiles (X-SOCIALPROFILE, LinkedIn profile URL, …). */
  urls: LabelledValue[];
  organization: string | null;
  department: string | null;
  title: string | null;
  tags: string[];
  birthday: PartialDate | null;
  /** Other dates that matter: anniversaries and the like. */
  dates: { label: string; date: PartialDate }[];
  note: string | null;
  /** When we met (YYYY-MM-DD), e.g. LinkedIn's "Connected On". */
  metOn: string | null;
  metText: string | null;
  /** RELATED and Apple's X-ABRELATEDNAMES: other people by name. */
  related: { name: string; relation: string | null }[];
}

export interface LabelledValue {
  value: string;
  label: string | null;
  pref: boolean;
}

/** A record read from a file, with where it began (1-based record number and line). */
export interface ReadRecord {
  record: number;
  line: number;
  contact: ContactRecord;
  /** What the reader left out of this record because it could not read it (an impossible date …). */
  warnings: FieldWarning[];
}

/**
 * A value left out or shortened: `field` is the person's field as the API names it ("birthday",
 * "emails", "note"), `message` says in words what happened ("birthday 1975-02-30 is not a date: left out").
 */
export interface FieldWarning {
  field: string;
  message: string;
}

/** A value as a warning shows it: quoted when it has spaces, cut when it is long. */
export function shownValue(value: string): string {
  const short = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return /\s|^$/.test(short) ? `"${short}"` : short;
}

/** A record that could not be read: reported and skipped, the rest of the file still imports. */
export interface RecordError {
  record: number;
  line: number;
  message: string;
}

export type ReadResult = ReadRecord | RecordError;

export function isRecordError(result: ReadResult): result is RecordError {
  return "message" in result;
}

export function emptyContact(displayName: string): ContactRecord {
  return {
    uid: null,
    displayName,
    givenName: null,
    familyName: null,
    nickname: null,
    emails: [],
    phones: [],
    urls: [],
    organization: null,
    department: null,
    title: null,
    tags: [],
    birthday: null,
    dates: [],
    note: null,
    metOn: null,
    metText: null,
    related: [],
  };
}
