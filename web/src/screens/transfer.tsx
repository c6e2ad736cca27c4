/**
 * Import / Export (DESIGN §6): upload an address book, a backup or mail and calendar history (issue
 * 18) with a progress bar, then what happened to each record (a bad record is reported with its
 * number and line and skipped, the rest still imports) or message; download everything as vCard,
 * CSV, a JSON backup or a calendar.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { type BodyPolicy, type CaptureResult, SNIPPET_CHARS } from "../../../src/contract/capture.js";
import type { ImportResult } from "../../../src/contract/import-result.js";
import type { ImportFormat } from "../../../src/service/goodwill-service.js";
import { ApiError, exportUrl, uploadImport } from "../api/client";
import { FormError, messageOf } from "../components/states";
import { PastImports } from "./transfer/past-imports";
import "./transfer.css";
import { refreshAfterWrite } from "../api/refresh";
import { useTitle } from "../components/title";

const FORMATS: { value: ImportFormat; label: string }[] = [
  { value: "auto", label: "Recognise it for me" },
  { value: "vcard", label: "vCard (.vcf: Apple, Android, most address books)" },
  { value: "linkedin", label: "LinkedIn Connections.csv" },
  { value: "google", label: "Google Contacts CSV" },
  { value: "outlook", label: "Outlook CSV" },
  { value: "csv", label: "CSV with a header row" },
  { value: "json", label: "Goodwill JSON backup" },
];

/** How much of each message a history import keeps with its moment (setting `capture:bodies`). */
const BODIES: { value: BodyPolicy; label: string }[] = [
  { value: "snippet", label: `The subject and the first ${SNIPPET_CHARS} characters` },
  { value: "none", label: "The subject only" },
  { value: "all", label: "The whole text" },
];

/** Mail and calendar exports: the files a history import reads. */
const isHistoryFile = (name: string) => /\.(mbox|eml|ics)$/i.test(name);

/** A caption and a choice among labelled values (the import's format, how much of a message to keep). */
function LabelledSelect<T extends string>(props: {
  id: string;
  caption: string;
  options: readonly { value: T; label: string }[];
  value: T;
  disabled: boolean;
  onChange: (value: T) => void;
}) {
  return (
    <>
      <label htmlFor={props.id}>{props.caption}</label>
      <select
        id={props.id}
        value={props.value}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.target.value as T)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

type Upload =
  | { state: "idle" }
  | { state: "uploading"; fraction: number; abort: () => void }
  | { state: "done"; result: ImportResult | CaptureResult; file: string }
  | { state: "failed"; error: unknown; file: string };

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function Transfer() {
  useTitle("Import / Export");
  return (
    <section className="transfer">
      <header className="screen-head">
        <h1>Import / Export</h1>
        <p className="muted">
          Bring in your address book or your mail and calendar history, or take everything with you. Importing
          the same file twice changes nothing: people found again are updated, not duplicated, and messages
          already read are not logged again.
        </p>
      </header>
      <div className="two">
        <ImportCard />
        <ExportCard />
      </div>
      <PastImports />
    </section>
  );
}

function ImportCard() {
  const id = useId();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>("auto");
  const [me, setMe] = useState("");
  const [bodies, setBodies] = useState<BodyPolicy>("snippet");
  const [dragging, setDragging] = useState(false);
  const [upload, setUpload] = useState<Upload>({ state: "idle" });
  const [uploaded, setUploaded] = useState(0);
  const abortRef = useRef<(() => void) | null>(null);
  // Which upload is current: a cancelled one's late answer must not replace what is on screen.
  const current = useRef(0);

  // Leaving the screen mid-upload stops the upload rather than leaving it running unseen.
  useEffect(() => () => abortRef.current?.(), []);

  function choose(next: File | null) {
    setFile(next);
    if (upload.state !== "uploading") setUpload({ state: "idle" });
  }

  function start() {
    if (!file) return;
    const name = file.name;
    const mine = ++current.current;
    setUploaded(0);
    const history = isHistoryFile(name) ? { me: me.trim(), bodies } : {};
    const { result, abort } = uploadImport(
      file,
      format,
      (fraction) => {
        if (current.current !== mine) return;
        setUploaded(fraction);
        setUpload((u) => (u.state === "uploading" ? { ...u, fraction } : u));
      },
      history,
    );
    abortRef.current = abort;
    setUpload({ state: "uploading", fraction: 0, abort });
    result.then(
      (done) => {
        if (current.current !== mine) return;
        abortRef.current = null;
        setUploaded(1);
        setUpload({ state: "done", result: done, file: name });
        void refreshAfterWrite(client);
      },
      (error: unknown) => {
        if (current.current !== mine) return;
        abortRef.current = null;
        setUpload({ state: "failed", error, file: name });
      },
    );
  }

  function cancel() {
    if (upload.state !== "uploading") return;
    current.current++;
    abortRef.current = null;
    upload.abort();
    // Once every byte has gone, the server may already be importing: say so rather than promise
    // that nothing happened.
    const sentAll = upload.fraction >= 1;
    setUpload({
      state: "failed",
      error: new ApiError(0, "aborted", "The upload was cancelled.", { sentAll }),
      file: file?.name ?? "the file",
    });
  }

  const busy = upload.state === "uploading";
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Import</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          start();
        }}
      >
        {/* The whole box is the file input's label: click it or drop a file on it. */}
        <label
          htmlFor={`${id}-file`}
          className={`dropzone${dragging ? " dragging" : ""}`}
          onDragEnter={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragOver={(event) => {
            event.preventDefault();
            event.dataTransfer.dropEffect = "copy";
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            const dropped = event.dataTransfer.files[0];
            if (dropped && !busy) choose(dropped);
          }}
        >
          <span className="dropzone-title">{file ? file.name : "Choose a file, or drop it here"}</span>
          <span className="muted">
            {file
              ? size(file.size)
              : ".vcf, .csv, a Goodwill .json backup, or mail and calendars (.mbox, .eml, .ics), up to 200 MB"}
          </span>
        </label>
        <input
          ref={input}
          id={`${id}-file`}
          className="visually-hidden-file"
          type="file"
          accept=".vcf,.vcard,.csv,.json,.mbox,.eml,.ics,text/vcard,text/csv,application/json,message/rfc822,text/calendar"
          disabled={busy}
          onChange={(event) => choose(event.target.files?.[0] ?? null)}
        />
        <LabelledSelect
          id={`${id}-format`}
          caption="Format"
          options={FORMATS}
          value={format}
          disabled={busy}
          onChange={setFormat}
        />

        {file && isHistoryFile(file.name) && (
          <>
            <label htmlFor={`${id}-me`}>Your email addresses</label>
            <input
              id={`${id}-me`}
              type="text"
              inputMode="email"
              value={me}
              disabled={busy}
              placeholder="you@example.com, you@work.example"
              aria-describedby={`${id}-me-help`}
              onChange={(event) => setMe(event.target.value)}
            />
            <p id={`${id}-me-help`} className="muted">
              They tell who wrote first; saved for later imports. Empty: the ones saved before, or those your
              mail was delivered to.
            </p>
            <LabelledSelect
              id={`${id}-bodies`}
              caption="Keep from each message"
              options={BODIES}
              value={bodies}
              disabled={busy}
              onChange={setBodies}
            />
          </>
        )}

        {upload.state !== "idle" && (
          <div className="upload-progress">
            <label htmlFor={`${id}-progress`}>
              {busy
                ? `Uploading… ${Math.round(uploaded * 100)}%`
                : upload.state === "done"
                  ? "Uploaded and imported"
                  : uploaded >= 1
                    ? "Uploaded, not imported"
                    : "Upload stopped"}
            </label>
            <progress id={`${id}-progress`} max={1} value={uploaded} />
            {busy && uploaded >= 1 && (
              <p className="muted">
                {file && isHistoryFile(file.name) ? "Reading the messages…" : "Reading the records…"}
              </p>
            )}
          </div>
        )}

        <div className="actions">
          {/* Keys keep the two buttons apart: were React to turn the Cancel button back into the
              submit button in place, the browser would finish the click by submitting the form —
              and start the upload again. */}
          {busy ? (
            <button key="cancel" type="button" className="secondary" onClick={cancel}>
              Cancel the upload
            </button>
          ) : (
            <button key="import" type="submit" disabled={!file}>
              Import
            </button>
          )}
        </div>
      </form>
      {upload.state === "failed" && <ImportFailure error={upload.error} file={upload.file} />}
      {upload.state === "done" &&
        ("kind" in upload.result ? (
          <HistoryReport result={upload.result} file={upload.file} />
        ) : (
          <ImportReport result={upload.result} file={upload.file} />
        ))}
    </section>
  );
}

function ImportFailure({ error, file }: { error: unknown; file: string }) {
  if (error instanceof ApiError && error.code === "aborted")
    return (
      <p className="muted" role="status">
        {error.details?.sentAll
          ? `The upload of ${file} was stopped after the whole file had been sent, so the server may still import it: People shows what arrived, and importing the same file again changes nothing.`
          : `The upload of ${file} was cancelled before the whole file was sent. Nothing was imported.`}
      </p>
    );
  if (error instanceof ApiError && error.code === "not_an_address_book")
    return (
      <div className="not-address-book" role="alert">
        <h3>This file is not an address book</h3>
        <p>{messageOf(error)}</p>
        <p className="muted">
          Check that you exported contacts (vCard or CSV), or choose the format by hand if Goodwill guessed
          wrong.
        </p>
      </div>
    );
  const errors = error instanceof ApiError ? error.details?.errors : undefined;
  if (Array.isArray(errors) && errors.length > 0)
    return (
      <div className="not-address-book" role="alert">
        <h3>Nothing in {file} could be read</h3>
        <p>
          {errors.length === 1
            ? "Its only record could not be read, so nothing was imported."
            : `None of its ${errors.length} records could be read, so nothing was imported.`}{" "}
          What was wrong:
        </p>
        <RecordErrors errors={errors as ImportResult["errors"]} />
      </div>
    );
  return <FormError error={error} />;
}

interface Count {
  label: string;
  value: number;
  warn?: boolean;
}

/** An import's figures, each under its label. */
function Counts({ counts }: { counts: Count[] }) {
  return (
    <dl className="counts">
      {counts.map((c) => (
        <div key={c.label} className={c.warn ? "warn" : undefined}>
          <dt>{c.label}</dt>
          <dd>{c.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ImportReport({ result, file }: { result: ImportResult; file: string }) {
  const counts: Count[] = [
    { label: "New people", value: result.created },
    { label: "Updated", value: result.updated },
    { label: "Unchanged", value: result.unchanged },
    { label: "Skipped", value: result.skipped, warn: result.skipped > 0 },
  ];
  return (
    <div className="import-report" role="status" aria-label="Import result">
      <h3>
        {file} <span className="muted">({result.format})</span>
      </h3>
      <Counts counts={counts} />
      {result.created + result.updated > 0 && (
        <p>
          <Link to="/people">See them in People</Link>. Imported people start as acquaintances, so they do not
          flood Today.
        </p>
      )}
      {result.errors.length > 0 && (
        <>
          <h4>
            {result.errors.length === 1 ? "1 record" : `${result.errors.length} records`} could not be read
          </h4>
          <p className="muted">They were skipped; everything else was imported. Fix them and import again.</p>
          <RecordErrors errors={result.errors} />
        </>
      )}
      <ImportWarnings warnings={result.warnings ?? []} />
    </div>
  );
}

const SKIPPED: { reason: keyof CaptureResult["skipped"]; label: string }[] = [
  { reason: "list", label: "From mailing lists" },
  { reason: "no-reply", label: "From no-reply senders" },
  { reason: "auto-reply", label: "Automatic replies" },
  { reason: "cancelled", label: "Cancelled meetings" },
  { reason: "future", label: "Still to come" },
];

/** What an import of mail or calendar history did: moments, what was not logged and why, what next. */
function HistoryReport({ result, file }: { result: CaptureResult; file: string }) {
  const noun = result.format === "ics" ? "meetings" : "messages";
  const counts: Count[] = [
    { label: `${noun[0]?.toUpperCase()}${noun.slice(1)} read`, value: result.read },
    { label: "Moments logged", value: result.logged },
    { label: "People", value: result.people },
    { label: "Already imported", value: result.alreadyImported },
    { label: "Nobody you know", value: result.unmatched },
  ];
  const skipped = SKIPPED.filter((s) => result.skipped[s.reason] > 0);
  return (
    <div className="import-report" role="status" aria-label="Import result">
      <h3>
        {file} <span className="muted">({result.format})</span>
      </h3>
      <Counts counts={counts} />
      {skipped.length > 0 && (
        <>
          <h4>Skipped and counted</h4>
          <Counts counts={skipped.map((s) => ({ label: s.label, value: result.skipped[s.reason] }))} />
        </>
      )}
      {result.suggested > 0 && (
        <p>
          <Link to="/inbox">
            {result.suggested === 1
              ? "1 suggested entry waits"
              : `${result.suggested} suggested entries wait`}{" "}
            in your Inbox
          </Link>
          : nothing is recorded until you say yes.
        </p>
      )}
      {result.myAddresses.source === "none" ? (
        <p className="warn">
          Your own address is not known, so these moments do not say who wrote first. Give your email
          addresses above before the next import.
        </p>
      ) : (
        <p className="muted">
          Your addresses
          {result.myAddresses.source === "inferred" ? " (from where the mail was delivered)" : ""}:{" "}
          {result.myAddresses.addresses.join(", ")}.
        </p>
      )}
      {result.frequent.length > 0 && (
        <section className="frequent" aria-labelledby="frequent-title">
          <h4 id="frequent-title">People you write to often</h4>
          <p className="muted">Not in Goodwill yet. Add them from the Inbox in one step.</p>
          <ul className="plain">
            {result.frequent.map((c) => (
              <li key={c.email}>
                {c.name ? `${c.name} <${c.email}>` : c.email}{" "}
                <span className="muted">({c.messages === 1 ? "1 message" : `${c.messages} messages`})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.problems.count > 0 && (
        <section className="import-warnings" aria-labelledby="problems-title">
          <h4 id="problems-title">
            {result.problems.count === 1 ? "1" : result.problems.count} could not be read
          </h4>
          <p className="muted">They were skipped; everything else was imported.</p>
          <ul className="plain">
            {result.problems.first.map((p) => (
              <li key={p.where}>
                {p.where}: {p.message}
              </li>
            ))}
          </ul>
          {result.problems.count > result.problems.first.length && (
            <p className="muted">… and {result.problems.count - result.problems.first.length} more.</p>
          )}
        </section>
      )}
      <p className="muted">
        Body text kept: {result.bodies}. Undo the whole import below, under Past imports.
      </p>
    </div>
  );
}

/** How many warnings the report lists; the rest are counted (the CLI's --json has them all). */
const WARNINGS_SHOWN = 200;

/** Values left out of or shortened in records that were imported: each beside its record and line. */
function ImportWarnings({ warnings }: { warnings: ImportResult["warnings"] }) {
  if (warnings.length === 0) return null;
  const more = warnings.length - WARNINGS_SHOWN;
  return (
    <section className="import-warnings" aria-labelledby="import-warnings-title">
      <h4 id="import-warnings-title">
        {warnings.length === 1 ? "1 value" : `${warnings.length} values`} left out or shortened
      </h4>
      <p className="muted">The rest of each of these records was imported.</p>
      <ul className="plain">
        {warnings.slice(0, WARNINGS_SHOWN).map((w, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one record may have two warnings of one field
          <li key={`${w.record}-${i}`}>
            Record {w.record} (line {w.line}): {w.message}
          </li>
        ))}
      </ul>
      {more > 0 && <p className="muted">… and {more} more.</p>}
    </section>
  );
}

function RecordErrors({ errors }: { errors: ImportResult["errors"] }) {
  return (
    <div className="table-scroll">
      <table className="errors">
        <caption className="visually-hidden">Records that could not be imported</caption>
        <thead>
          <tr>
            <th scope="col">Record</th>
            <th scope="col">Line</th>
            <th scope="col">What was wrong</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e) => (
            <tr key={`${e.record}-${e.line}`}>
              <td>#{e.record}</td>
              <td>{e.line}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const DOWNLOADS: { href: string; file: string; title: string; help: string }[] = [
  {
    href: exportUrl("vcard", "3.0"),
    file: "goodwill.vcf",
    title: "vCard 3.0",
    help: "People, for any address book (Apple, Google, Android, Outlook).",
  },
  {
    href: exportUrl("vcard", "4.0"),
    file: "goodwill-4.0.vcf",
    title: "vCard 4.0",
    help: "The same people, in the newer vCard version.",
  },
  { href: exportUrl("csv"), file: "goodwill.csv", title: "CSV", help: "People as a spreadsheet." },
  {
    href: exportUrl("json"),
    file: "goodwill.json",
    title: "JSON backup",
    help: "Everything, lossless: import it into an empty Goodwill to get the same data back.",
  },
  {
    href: exportUrl("ics"),
    file: "goodwill.ics",
    title: "Calendar (ICS)",
    help: "Birthdays, who is due, promises. For a feed that stays current, see Settings.",
  },
];

function ExportCard() {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Export</h2>
      <ul className="rows downloads">
        {DOWNLOADS.map((d) => (
          <li key={d.title}>
            <div className="row-main">
              <a href={d.href} download={d.file} className="name">
                Download {d.title}
              </a>
              <p className="muted">{d.help}</p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
