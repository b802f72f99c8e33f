// Enter the current value of a Table 3 indicator the system does not compute, with its date.
import { useState } from 'react';
import { INDICATORS, type IndicatorId } from '@contract/stats';
import { localDateString } from '@contract/yuexiu';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useCommands } from '../../state/context';
import { statsSlice } from '../../state/stats/stats-slice';
import { Field } from '../Field';
import { CommandStatus } from '../CommandStatus';
import { useCommand } from '../use-command';

const ENTERABLE = INDICATORS.filter((d) => d.live === null);

export function IndicatorEditor() {
  const t = useT();
  const label = useLabel();
  const [id, setId] = useState<IndicatorId>(ENTERABLE[0].id);
  const [value, setValue] = useState('');
  const [asOf, setAsOf] = useState(() => localDateString(Date.now()));
  const [note, setNote] = useState('');
  const cmd = useCommand();
  const { saveIndicator } = useCommands(statsSlice);
  const def = ENTERABLE.find((d) => d.id === id)!;
  return (
    <form
      data-testid="indicator-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void cmd.run(() => saveIndicator({ id, value: value.trim() === '' ? null : Number(value), asOf, note }));
      }}
    >
      <h2>{t('indicatorForm.title')}</h2>
      <p className="situation-note">{t('indicatorForm.help')}</p>
      <div className="form-row">
        <Field label={t('stats.indicator')}>
          <select value={id} onChange={(e) => setId(e.target.value as IndicatorId)}>
            {ENTERABLE.map((d) => (
              <option key={d.id} value={d.id}>
                {d.n}. {label(d.label)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('indicatorForm.value', { unit: label(def.unit) })} hint={t('indicatorForm.target', { target: label(def.targetText) })}>
          <input size={8} value={value} onChange={(e) => setValue(e.target.value)} />
        </Field>
        <Field label={t('indicatorForm.asOf')}>
          <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </Field>
        <Field label={t('mapForm.field.note')}>
          <input size={30} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={cmd.busy}>
          {t('indicatorForm.save')}
        </button>
      </div>
      <CommandStatus cmd={cmd} testId="indicator" />
    </form>
  );
}
