// 库存阈值: an item's low-stock mark and the days before expiry to warn, for every place or one
// place (a place's own wins). Crossing either raises an alarm on the wall. Checked with the
// contract's own schema as the person types; the current thresholds are listed below.
import { useMemo, useState } from 'react';
import { placeFromKey, ThresholdInput } from '@contract/materials';
import { useT } from '../../i18n/use-t';
import { useCommands, useSlice } from '../../state/context';
import { materialsSlice } from '../../state/materials/materials-slice';
import { useActor } from '../duty/ActorPicker';
import { Field, TextField } from '../Field';
import { useCommand } from '../use-command';
import { useDraftCheck } from '../use-draft-check';
import { PlaceSelect } from './PlaceSelect';
import { DraftForm } from '../DraftForm';
import { FormActions } from '../FormActions';
import { draftField } from '../draft-field';

interface Draft {
  item: string;
  unit: string;
  place: string;
  lowQuantity: string;
  expiryWarnDays: string;
}

const blank = (): Draft => ({ item: '', unit: '', place: '', lowQuantity: '0', expiryWarnDays: '30' });
const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));

export function ThresholdForm() {
  const t = useT();
  const actor = useActor();
  const thresholds = useSlice(materialsSlice, (s) => s.thresholds);
  const { saveThreshold } = useCommands(materialsSlice);
  const cmd = useCommand();
  const [d, setD] = useState<Draft>(blank);
  const sent = useMemo(
    () => ({
      item: d.item,
      unit: d.unit,
      place: d.place ? placeFromKey(d.place) : null,
      lowQuantity: num(d.lowQuantity),
      expiryWarnDays: num(d.expiryWarnDays),
    }),
    [d],
  );
  const check = useDraftCheck(ThresholdInput, sent);
  const edit = (p: Partial<Draft>): void => {
    setD((x) => ({ ...x, ...p }));
    check.touch(...Object.keys(p));
  };
  const submit = async (): Promise<void> => {
    if (!check.valid) return check.attempt();
    const r = await cmd.run(
      () => saveThreshold(sent),
      () => t('materials.thresholdSaved'),
    );
    if (r) check.reset();
  };
  const labels: Record<string, string> = {
    item: t('materials.item'),
    unit: t('materials.unit'),
    place: t('materials.place'),
    lowQuantity: t('materials.lowQuantity'),
    expiryWarnDays: t('materials.expiryWarnDays'),
  };
  const field = draftField(d, edit, check, labels);
  return (
    <section className="console-section materials-thresholds" data-testid="threshold-form">
      <h2>{t('materials.thresholdTitle')}</h2>
      <DraftForm busy={cmd.busy} onSubmit={() => void submit()}>
        <div className="form-row">
          <TextField {...field('item')} testId="threshold-item" maxLength={60} />
          <TextField {...field('unit')} testId="threshold-unit" maxLength={12} />
          <Field label={labels.place}>
            <PlaceSelect testId="threshold-place" value={d.place} onChange={(place) => edit({ place })} empty={t('materials.everyPlace')} />
          </Field>
          <TextField {...field('lowQuantity')} testId="threshold-low" type="number" inputMode="decimal" />
          <TextField {...field('expiryWarnDays')} testId="threshold-days" type="number" inputMode="numeric" />
        </div>
        <FormActions testId="threshold" submit={t('materials.saveThreshold')} canAct={!!actor} cmd={cmd} check={check} labels={labels} />
      </DraftForm>
      {thresholds.length > 0 && (
        <ul className="threshold-list" data-testid="threshold-list">
          {thresholds.map((x) => (
            <li key={`${x.item}|${x.unit}|${x.place?.key ?? ''}`}>
              {x.item}（{x.unit}）· {x.place?.name ?? t('materials.everyPlace')} ·{' '}
              {t('materials.thresholdText', { low: x.lowQuantity, days: x.expiryWarnDays })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
