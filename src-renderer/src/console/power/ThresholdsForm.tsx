// The alarm thresholds: battery runtime and fuel levels, and the recovery hold (hysteresis).
import { useState } from 'react';
import type { PowerThresholds } from '@contract/power';
import { useT } from '../../i18n/use-t';
import { PowerErrorNote } from '../../panels/power/PowerErrorNote';
import { useCommands } from '../../state/context';
import { powerSlice } from '../../state/power/power-slice';
import { Field } from '../Field';

type Box = Record<keyof PowerThresholds, string>;
const toBox = (t: PowerThresholds): Box => ({
  runtimeLowMinutes: String(t.runtimeLowMinutes),
  fuelLowPercent: String(t.fuelLowPercent),
  recoveryHoldSeconds: String(t.recoveryHoldSeconds),
});

export function ThresholdsForm({ thresholds }: { thresholds: PowerThresholds }) {
  const t = useT();
  const { saveThresholds } = useCommands(powerSlice);
  const [box, setBox] = useState(() => toBox(thresholds));
  const [shown, setShown] = useState(thresholds);
  const [saved, setSaved] = useState(false);
  // The server's values changed (our save or another console's): show what it now holds.
  if (thresholds !== shown) {
    setShown(thresholds);
    setBox(toBox(thresholds));
  }
  const edit = (patch: Partial<Box>): void => {
    setSaved(false);
    setBox((b) => ({ ...b, ...patch }));
  };
  const save = async (): Promise<void> => {
    // Sent as typed: the server refuses what is out of range, naming the field.
    const patch = Object.fromEntries(
      Object.entries(box).map(([k, v]) => [k, v.trim() === '' || Number.isNaN(Number(v)) ? v : Number(v)]),
    ) as unknown as PowerThresholds;
    setSaved((await saveThresholds(patch)) !== null);
  };
  const field = (key: keyof PowerThresholds, label: Parameters<typeof t>[0], hint?: Parameters<typeof t>[0]) => (
    <Field label={t(label)} hint={hint ? t(hint) : undefined}>
      <input data-testid={`power-threshold-${key}`} type="number" value={box[key]} onChange={(e) => edit({ [key]: e.target.value })} />
    </Field>
  );
  return (
    <form
      className="power-thresholds"
      data-testid="power-thresholds"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{t('powerConsole.thresholds')}</h3>
      <div className="form-row">
        {field('runtimeLowMinutes', 'powerConsole.runtimeLow', 'powerConsole.runtimeLowHint')}
        {field('fuelLowPercent', 'powerConsole.fuelLow')}
        {field('recoveryHoldSeconds', 'powerConsole.recoveryHold', 'powerConsole.recoveryHoldHint')}
      </div>
      <PowerErrorNote commands={['saveThresholds']} />
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="power-thresholds-save">
          {t('powerConsole.saveThresholds')}
        </button>
        {saved && (
          <span className="saved-note" role="status">
            {t('console.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
