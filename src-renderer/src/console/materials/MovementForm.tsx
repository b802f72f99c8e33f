// 出入库登记: record a movement (in, out, transfer between places, write-off) with why, and the
// task it serves if any (chosen by title among the open tasks, never typed as an id). Checked with the contract's own schema as the person types; the server
// refuses a movement taking more than a place holds (stock never goes negative), shown beside it.
import { useMemo, useState } from 'react';
import { MOVEMENT_KIND_LABELS, MovementInput, MovementKind } from '@contract/materials';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useCommands, useSlice } from '../../state/context';
import { materialsSlice } from '../../state/materials/materials-slice';
import { tasksSlice } from '../../state/tasks/tasks-slice';
import { addresseeText } from '../tasks/addressee-text';
import { useActor } from '../duty/ActorPicker';
import { Field, TextField } from '../Field';
import { useCommand } from '../use-command';
import { useDraftCheck } from '../use-draft-check';
import { emptyMovementDraft, GOES_TO, movementFrom, TAKES_FROM, taskChoices, type MovementDraft } from './movement-draft';
import { DraftForm } from '../DraftForm';
import { FormActions } from '../FormActions';
import { draftField } from '../draft-field';

export function MovementForm({ place }: { place: string }) {
  const t = useT();
  const label = useLabel();
  const actor = useActor();
  const places = useSlice(materialsSlice, (s) => s.places);
  const street = useSlice(materialsSlice, (s) => s.street);
  const tasks = useSlice(tasksSlice, (s) => s.tasks);
  const { moveStock } = useCommands(materialsSlice);
  const cmd = useCommand();
  const [d, setD] = useState<MovementDraft>(() => ({ ...emptyMovementDraft(), to: place }));
  const sent = useMemo(() => movementFrom(d), [d]);
  const check = useDraftCheck(MovementInput, sent);
  const edit = (p: Partial<MovementDraft>): void => {
    setD((x) => ({ ...x, ...p }));
    check.touch(...Object.keys(p));
  };
  // A street centre's machine moves stock at its own street's places only.
  const mine = places.filter((p) => street === null || p.street === street);
  const submit = async (): Promise<void> => {
    if (!check.valid) return check.attempt();
    const r = await cmd.run(
      () => moveStock(sent),
      (entries) => t('materials.moved', { n: entries.length }),
    );
    if (r) {
      setD({ ...emptyMovementDraft(), kind: d.kind, from: d.from, to: d.to });
      check.reset();
    }
  };
  const labels: Record<string, string> = {
    from: t('materials.from'),
    to: t('materials.to'),
    item: t('materials.item'),
    unit: t('materials.unit'),
    quantity: t('materials.quantity'),
    expiry: t('materials.expiry'),
    reason: t('materials.reason'),
    taskId: t('materials.taskId'),
  };
  const placeSelect = (field: 'from' | 'to') => (
    <Field label={labels[field]} error={check.shown(field)}>
      <select
        data-testid={`movement-${field}`}
        value={d[field]}
        aria-invalid={check.shown(field) ? true : undefined}
        onChange={(e) => edit({ [field]: e.target.value })}
      >
        <option value="">{t('materials.choosePlace')}</option>
        {mine.map((p) => (
          <option key={p.key} value={p.key}>
            {p.name}
          </option>
        ))}
      </select>
    </Field>
  );
  const field = draftField(d, edit, check, labels);
  return (
    <section className="console-section materials-movement" data-testid="movement-form">
      <h2>{t('materials.movementTitle')}</h2>
      <DraftForm busy={cmd.busy} onSubmit={() => void submit()}>
        <div className="form-row">
          <Field label={t('materials.kind')}>
            <select data-testid="movement-kind" value={d.kind} onChange={(e) => edit({ kind: e.target.value as MovementKind })}>
              {MovementKind.options.map((k) => (
                <option key={k} value={k}>
                  {label(MOVEMENT_KIND_LABELS[k])}
                </option>
              ))}
            </select>
          </Field>
          {TAKES_FROM(d.kind) && placeSelect('from')}
          {GOES_TO(d.kind) && placeSelect('to')}
        </div>
        <div className="form-row">
          <TextField {...field('item')} testId="movement-item" maxLength={60} />
          <TextField {...field('unit')} testId="movement-unit" maxLength={12} />
          <TextField {...field('quantity')} testId="movement-quantity" type="number" inputMode="decimal" />
          <TextField
            {...field('expiry')}
            hint={d.kind === 'in' ? t('materials.expiryHintIn') : t('materials.expiryHintTake')}
            testId="movement-expiry"
            placeholder="YYYY-MM-DD"
            maxLength={10}
          />
        </div>
        <div className="form-row">
          <TextField {...field('reason')} testId="movement-reason" maxLength={500} />
          <Field label={labels.taskId} error={check.shown('taskId')}>
            <select
              data-testid="movement-task"
              value={d.taskId}
              aria-invalid={check.shown('taskId') ? true : undefined}
              onChange={(e) => edit({ taskId: e.target.value })}
            >
              <option value="">{t('materials.noTask')}</option>
              {taskChoices(tasks, d.taskId).map((x) => (
                <option key={x.id} value={x.id}>
                  {x.title} · {addresseeText(label, x.addressee)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <FormActions testId="movement" submit={t('materials.record')} canAct={!!actor} cmd={cmd} check={check} labels={labels} />
      </DraftForm>
    </section>
  );
}
