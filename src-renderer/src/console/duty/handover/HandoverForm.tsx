// 交班: the acting person (outgoing) writes notes and carries open items over to the incoming
// person, who must then confirm. Starts from the server's draft: the next shift of the same
// role, the items they were handed, every report not yet closed, every active plan response with
// its overdue actions and every warning in force.
import { useState } from 'react';
import type { HandoverItem, PersonRef } from '@contract/duty';
import { useT } from '../../../i18n/use-t';
import { useCommands, useSlice } from '../../../state/context';
import { dutySlice } from '../../../state/duty/duty-slice';
import { useDutyRead } from '../../../state/duty/use-duty-read';
import { Field } from '../../Field';
import { HandoverItems } from './HandoverItems';

interface Draft {
  incomingId: string;
  notes: string;
  items: (HandoverItem & { carry: boolean })[];
}

export function HandoverForm({ outgoingId }: { outgoingId: string }) {
  const t = useT();
  const people = useSlice(dutySlice, (d) => d.people);
  const read = useDutyRead();
  const { handOver } = useCommands(dutySlice);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [suggested, setSuggested] = useState<PersonRef | null>(null);
  const [newItem, setNewItem] = useState('');

  const start = async (): Promise<void> => {
    const d = await read('duty.getHandoverDraft', { outgoingId });
    if (!d) return;
    setSuggested(d.incoming);
    setDraft({ incomingId: d.incoming?.id ?? '', notes: '', items: d.openItems.map((i) => ({ ...i, carry: true })) });
  };
  if (!draft)
    return (
      <button type="button" className="primary" data-testid="start-handover" onClick={() => void start()}>
        {t('handover.start')}
      </button>
    );

  const submit = async (): Promise<void> => {
    const openItems: HandoverItem[] = draft.items.filter((i) => i.carry).map(({ carry: _carry, ...item }) => item);
    if (await handOver({ incomingId: draft.incomingId, notes: draft.notes, openItems })) setDraft(null);
  };
  const setItem = (i: number, carry: boolean): void => setDraft({ ...draft, items: draft.items.map((x, k) => (k === i ? { ...x, carry } : x)) });

  return (
    <form className="handover-form" data-testid="handover-form" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <div className="form-row">
        <Field label={t('handover.incoming')} hint={suggested ? t('handover.suggested', { name: suggested.name }) : t('handover.noSuggestion')}>
          <select data-testid="handover-incoming" value={draft.incomingId} onChange={(e) => setDraft({ ...draft, incomingId: e.target.value })}>
            <option value="">{t('actor.choose')}</option>
            {people
              .filter((p) => p.active && p.id !== outgoingId)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} · {p.unit}
                </option>
              ))}
          </select>
        </Field>
        <Field label={t('handover.notes')}>
          <textarea
            className="wide"
            rows={3}
            data-testid="handover-notes"
            value={draft.notes}
            maxLength={4000}
            onChange={(e) => setDraft({ ...draft, notes: e.target.value })}
          />
        </Field>
      </div>
      <fieldset>
        <legend>{t('handover.items', { n: draft.items.filter((i) => i.carry).length })}</legend>
        <HandoverItems
          items={draft.items}
          render={(item, i) => (
            <label className="check">
              <input type="checkbox" data-testid="handover-item" checked={item.carry} onChange={(e) => setItem(i, e.target.checked)} />
              {item.text}
            </label>
          )}
        />
        <div className="form-actions">
          <input
            className="wide"
            data-testid="handover-new-item"
            value={newItem}
            maxLength={500}
            placeholder={t('handover.newItem')}
            onChange={(e) => setNewItem(e.target.value)}
          />
          <button
            type="button"
            data-testid="handover-add-item"
            disabled={newItem.trim() === ''}
            onClick={() => {
              setDraft({ ...draft, items: [...draft.items, { kind: 'note', text: newItem.trim(), carry: true }] });
              setNewItem('');
            }}
          >
            {t('handover.addItem')}
          </button>
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="hand-over" disabled={!draft.incomingId}>
          {t('handover.submit')}
        </button>
        <button type="button" onClick={() => setDraft(null)}>
          {t('dutyForm.cancel')}
        </button>
      </div>
    </form>
  );
}
