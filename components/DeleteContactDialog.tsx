/**
 * Deleting a contact asks what becomes of their deals: kept in the pipeline without a
 * contact, or deleted with them. Nothing is left pointing at a contact that is gone.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

export function DeleteContactDialog({
  name,
  dealCount,
  onCancel,
  onConfirm,
}: {
  name: string;
  dealCount: number;
  onCancel: () => void;
  onConfirm: (deals: 'keep' | 'delete') => void;
}) {
  const [deals, setDeals] = useState<'keep' | 'delete'>('keep');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal?.();
  }, []);
  const their = dealCount === 1 ? 'their deal' : `their ${dealCount} deals`;
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="del-contact-h" onCancel={onCancel}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(deals);
        }}
      >
        <h2 id="del-contact-h">Delete {name}?</h2>
        <p class="muted">
          Their notes, NPS answers and the touchpoints and follow-ups not on a kept deal are deleted with them. You can
          undo it for a few seconds.
        </p>
        <fieldset class="choice">
          <legend>What happens to {their}?</legend>
          <label class="check">
            <input
              type="radio"
              name="deals"
              value="keep"
              checked={deals === 'keep'}
              onChange={() => setDeals('keep')}
            />
            Keep {dealCount === 1 ? 'it' : 'them'} in the pipeline, without a contact
          </label>
          <label class="check">
            <input
              type="radio"
              name="deals"
              value="delete"
              checked={deals === 'delete'}
              onChange={() => setDeals('delete')}
            />
            Delete {dealCount === 1 ? 'it' : 'them'} too, with their notes, follow-ups and activities
          </label>
        </fieldset>
        <footer>
          <button type="button" class="secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" class="primary danger">
            Delete contact
          </button>
        </footer>
      </form>
    </dialog>
  );
}
