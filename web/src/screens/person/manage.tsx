/**
 * Merge a duplicate into another person, or delete a person; both ask for confirmation first, and
 * both offer Undo afterwards (the toast lives in the layout, so it outlives this screen). After
 * either, this person no longer exists: their queries are not read again at once (that would only
 * answer 404).
 */
import { type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { api, undoIdOf } from "../../api/client";
import { refreshAfterWrite } from "../../api/refresh";
import { PersonPicker, type PickedPerson } from "../../components/person-picker";
import { FormError } from "../../components/states";
import { useOfferUndo } from "../../components/undo-toast";

function forget(client: QueryClient, personId: string) {
  // Marked stale without a request now (the screen may still show while the next one loads); coming
  // back to this address reads it again and shows that the person is gone.
  void client.invalidateQueries({ queryKey: ["person", personId], refetchType: "none" });
  void refreshAfterWrite(client, (q) => q.queryKey[0] === "person" && q.queryKey[1] === personId);
}

export function ManagePerson({ personId, name }: { personId: string; name: string }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [into, setInto] = useState<PickedPerson | null>(null);
  const [confirmMerge, setConfirmMerge] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const offerUndo = useOfferUndo();

  const merge = useMutation({
    mutationFn: (target: PickedPerson) => api.mergePeople(personId, target.id),
    onSuccess: (result) => {
      navigate(`/people/${result.into.id}`, { replace: true });
      forget(client, personId);
      offerUndo({
        message: `Merged ${result.merged.name} into ${result.into.name}.`,
        undoId: undoIdOf(result),
      });
    },
  });
  const remove = useMutation({
    mutationFn: () => api.removePerson(personId),
    onSuccess: (result) => {
      navigate("/people", { replace: true });
      forget(client, personId);
      offerUndo({ message: `Deleted ${result.removed.name}.`, undoId: undoIdOf(result) });
    },
  });

  return (
    <section className="card" aria-labelledby="manage-title">
      <h2 id="manage-title">Merge or delete</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (into) setConfirmMerge(true);
        }}
      >
        <PersonPicker
          label={`Merge ${name} into`}
          value={into}
          onChange={(p) => {
            setInto(p);
            setConfirmMerge(false);
          }}
          exclude={[personId]}
        />
        {confirmMerge && into ? (
          <div className="confirm" role="alertdialog" aria-label="Confirm the merge">
            <p>
              Merge <strong>{name}</strong> into <strong>{into.name}</strong>? Everything about {name}{" "}
              (moments, ledger, asks, promises, notes) moves to {into.name}, and {name} is removed.
            </p>
            <FormError error={merge.error} />
            <div className="actions">
              <button type="button" className="secondary" onClick={() => setConfirmMerge(false)}>
                Keep both
              </button>
              <button type="button" disabled={merge.isPending} onClick={() => merge.mutate(into)}>
                {merge.isPending ? "Merging…" : `Merge into ${into.name}`}
              </button>
            </div>
          </div>
        ) : (
          <div className="actions">
            <button type="submit" className="secondary" disabled={!into}>
              Merge…
            </button>
          </div>
        )}
      </form>
      {confirmDelete ? (
        <div className="confirm danger-zone" role="alertdialog" aria-label="Confirm the deletion">
          <p>
            Delete <strong>{name}</strong> and their whole history? Undo brings it all back, for 30 days.
          </p>
          <FormError error={remove.error} />
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setConfirmDelete(false)}>
              Keep {name}
            </button>
            <button
              type="button"
              className="danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate()}
            >
              {remove.isPending ? "Deleting…" : `Delete ${name}`}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="secondary danger-text" onClick={() => setConfirmDelete(true)}>
            Delete {name}…
          </button>
        </div>
      )}
    </section>
  );
}
