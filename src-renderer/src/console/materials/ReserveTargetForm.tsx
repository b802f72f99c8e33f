// 储备目标: how much of an item a place (a warehouse or a street's reserve point) should hold. None
// by default (the seed gives no per-item quantities); the statistics panel sets stock against each
// target set and says 未设目标 for the rest. Checked with the contract's own schema as the person
// types; the targets set are listed below, each with its stock now and a button to remove it
// (after a confirmation naming the place, the item and the target).
import { useMemo, useState } from 'react';
import { placeFromKey, ReserveTargetInput } from '@contract/materials';
import { useT } from '../../i18n/use-t';
import { useCommands, useSlice } from '../../state/context';
import { reserveSlice } from '../../state/materials/reserve-slice';
import { CommandStatus } from '../CommandStatus';
import { ConfirmButton } from '../ConfirmButton';
import { useActor } from '../duty/ActorPicker';
import { Field, TextField } from '../Field';
import { useCommand } from '../use-command';
import { useDraftCheck } from '../use-draft-check';
import { PlaceSelect } from './PlaceSelect';
import { DraftForm } from '../DraftForm';
import { FormActions } from '../FormActions';
import { draftField } from '../draft-field';

interface Draft {
  place: string;
  item: string;
  unit: string;
  quantity: string;
}

const blank = (): Draft => ({ place: '', item: '', unit: '', quantity: '' });
const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));

export function ReserveTargetForm() {
  const t = useT();
  const actor = useActor();
  const lines = useSlice(reserveSlice, (s) => s.lines);
  const loaded = useSlice(reserveSlice, (s) => s.loaded);
  const { saveTarget, removeTarget } = useCommands(reserveSlice);
  const cmd = useCommand();
  const drop = useCommand();
  const [d, setD] = useState<Draft>(blank);
  const sent = useMemo(() => ({ place: placeFromKey(d.place) ?? undefined, item: d.item, unit: d.unit, quantity: num(d.quantity) }), [d]);
  const check = useDraftCheck(ReserveTargetInput, sent);
  const edit = (p: Partial<Draft>): void => {
    setD((x) => ({ ...x, ...p }));
    check.touch(...Object.keys(p));
  };
  const submit = async (): Promise<void> => {
    if (!check.valid) return check.attempt();
    const r = await cmd.run(
      () => saveTarget(ReserveTargetInput.parse(sent)),
      () => t('reserve.saved'),
    );
    if (r) {
      setD(blank());
      check.reset();
    }
  };
  const labels: Record<string, string> = {
    place: t('materials.place'),
    item: t('materials.item'),
    unit: t('materials.unit'),
    quantity: t('reserve.quantity'),
  };
  const set = lines.filter((l) => l.target !== null);
  const field = draftField(d, edit, check, labels);
  return (
    <section className="console-section materials-reserve" data-testid="reserve-form">
      <h2>{t('reserve.formTitle')}</h2>
      <p className="field-hint">{t('reserve.formNote')}</p>
      <DraftForm busy={cmd.busy} onSubmit={() => void submit()}>
        <div className="form-row">
          <Field label={labels.place} error={check.shown('place')}>
            <PlaceSelect testId="reserve-place" value={d.place} onChange={(place) => edit({ place })} empty={t('reserve.choosePlace')} />
          </Field>
          <TextField {...field('item')} testId="reserve-item" maxLength={60} />
          <TextField {...field('unit')} testId="reserve-unit" maxLength={12} />
          <TextField {...field('quantity')} testId="reserve-quantity" type="number" inputMode="decimal" />
        </div>
        <FormActions testId="reserve" submit={t('reserve.save')} canAct={!!actor} cmd={cmd} check={check} labels={labels} />
      </DraftForm>
      {loaded && set.length === 0 ? (
        <p className="unset" data-testid="reserve-none-set">
          {t('reserve.noneSet')}
        </p>
      ) : (
        <ul className="threshold-list" data-testid="reserve-list">
          {set.map((l, i) => (
            <li key={`${l.place.key}|${l.item}|${l.unit}`} data-testid="reserve-target" data-place={l.place.key} data-item={l.item}>
              {l.place.name} · {l.item} · {t('reserve.against', { stock: l.stock, target: l.target ?? 0, unit: l.unit, pct: Math.floor((l.ratio ?? 0) * 100) })}{' '}
              <ConfirmButton
                className="danger"
                testId={`reserve-remove-${i}`}
                disabled={!actor || drop.busy}
                label={t('reserve.remove')}
                title={t('confirm.removeReserveTitle', { place: l.place.name, item: l.item })}
                consequence={<p>{t('confirm.removeReserveBody', { place: l.place.name, item: l.item, target: l.target ?? 0, unit: l.unit })}</p>}
                confirmLabel={t('confirm.deleteAction')}
                onConfirm={() => {
                  const place = placeFromKey(l.place.key);
                  if (place) void drop.run(() => removeTarget(place, l.item, l.unit));
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <CommandStatus cmd={drop} testId="reserve-remove" />
    </section>
  );
}
