/**
 * Deleting a contact asks what becomes of their deals: kept in the pipeline without a
 * contact, or deleted with them. Nothing is left pointing at a contact that is gone.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n';

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
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="del-contact-h" onCancel={onCancel}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(deals);
        }}
      >
        <h2 id="del-contact-h">{t('del.title', { name })}</h2>
        <p class="muted">{t('del.text')}</p>
        <fieldset class="choice">
          <legend>{t('del.question', dealCount, [String(dealCount)])}</legend>
          <label class="check">
            <input
              type="radio"
              name="deals"
              value="keep"
              checked={deals === 'keep'}
              onChange={() => setDeals('keep')}
            />
            {t('del.keep', dealCount)}
          </label>
          <label class="check">
            <input
              type="radio"
              name="deals"
              value="delete"
              checked={deals === 'delete'}
              onChange={() => setDeals('delete')}
            />
            {t('del.deleteToo', dealCount)}
          </label>
        </fieldset>
        <footer>
          <button type="button" class="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="primary danger">
            {t('del.confirm')}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
