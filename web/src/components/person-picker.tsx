/**
 * Choose a person by typing part of a name: a combobox over GET /people?q=, keyboard friendly
 * (arrows, Enter, Escape). Used by the quick log, merge and introductions. While the server cannot
 * be reached it finds the people this device has shown (offline/cached-people.ts).
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { api, isUnreachable } from "../api/client";
import { searchKnownPeople } from "../offline/cached-people";
import { serverReachable } from "../offline/connection";

export interface PickedPerson {
  id: string;
  name: string;
}

export function PersonPicker({
  label,
  value,
  onChange,
  exclude = [],
  autoFocus = false,
  id: givenId,
  clearAfterPick = false,
}: {
  label: string;
  value: PickedPerson | null;
  onChange: (person: PickedPerson | null) => void;
  exclude?: string[];
  autoFocus?: boolean;
  id?: string;
  /** the box empties once a person is picked, for the next one (the quick log's several people) */
  clearAfterPick?: boolean;
}) {
  const generated = useId();
  const inputId = givenId ?? `${generated}-input`;
  const listId = `${generated}-list`;
  const [text, setText] = useState(value?.name ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = text.trim();

  useEffect(() => {
    setText(value?.name ?? "");
  }, [value]);

  const found = useQuery({
    // its own key: its answers are not the People lists' documents
    queryKey: ["person-picker", q],
    queryFn: async ({ signal }) => {
      // the server out of reach: the people this device has shown
      const onDevice = () => searchKnownPeople(q);
      if (!serverReachable()) return onDevice();
      try {
        const listed = await api.listPeople({ q, limit: 8 }, signal);
        // department and organization beside the name, so that two people of one name can be told apart
        return listed.people.map((p) => ({
          id: p.person.id,
          name: p.person.name,
          org: [p.person.department, p.person.organization].filter(Boolean).join(", "),
        }));
      } catch (error) {
        if (isUnreachable(error)) return onDevice();
        throw error;
      }
    },
    enabled: open && q.length > 0 && q !== value?.name,
    staleTime: 10_000,
    // it answers from the device when the server is away, so it runs either way
    networkMode: "always",
  });
  const options = (found.data ?? []).filter((p) => !exclude.includes(p.id));

  function choose(option: { id: string; name: string } | undefined) {
    if (!option) return;
    onChange({ id: option.id, name: option.name });
    setText(clearAfterPick ? "" : option.name);
    setOpen(false);
  }

  const expanded = open && options.length > 0;
  return (
    <div className="picker">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded ? `${listId}-${active}` : undefined}
        autoComplete="off"
        // biome-ignore lint/a11y/noAutofocus: the quick log opens to type a name at once
        autoFocus={autoFocus}
        value={text}
        placeholder="Type a name"
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(0);
          if (value && event.target.value !== value.name) onChange(null);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, options.length - 1));
          } else if (event.key === "ArrowUp") {
            event.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (event.key === "Enter" && expanded) {
            event.preventDefault();
            choose(options[active]);
          } else if (event.key === "Escape" && expanded) {
            event.stopPropagation();
            setOpen(false);
          }
        }}
      />
      {expanded && (
        <div className="picker-list" id={listId} role="listbox" aria-label={`${label}: matches`}>
          {options.map((option, index) => (
            <div
              key={option.id}
              tabIndex={-1}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? "active" : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(option);
              }}
            >
              {option.name}
              {option.org && <span className="muted"> · {option.org}</span>}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
