// First run: the store holds no duty or plan data. The operator chooses between the embedded
// demo set (演示数据, every record marked as such) and starting empty with their own people.
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { useCommands, useSlice } from '../../state/context';
import { dutySlice } from '../../state/duty/duty-slice';

export function FirstRunChoice() {
  const t = useT();
  const status = useSlice(dutySlice, (d) => d.dataStatus);
  const { loadDemo } = useCommands(dutySlice);
  const [dismissed, setDismissed] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!status?.empty || dismissed) return null;
  const demo = async (): Promise<void> => {
    setBusy(true);
    await loadDemo();
    setBusy(false);
  };
  return (
    <section className="console-section tab-section first-run" data-testid="first-run">
      <h2>{t('firstRun.title')}</h2>
      <p>{t('firstRun.text')}</p>
      <div className="form-actions">
        <button type="button" className="primary" data-testid="load-demo" disabled={busy} onClick={() => void demo()}>
          {t('firstRun.loadDemo')}
        </button>
        <button
          type="button"
          data-testid="start-empty"
          onClick={() => {
            setDismissed(true);
            // Starting empty begins with the people: nobody can act until someone is added.
            document.querySelector('[data-testid="people-section"]')?.scrollIntoView({ behavior: 'smooth' });
          }}
        >
          {t('firstRun.startEmpty')}
        </button>
      </div>
      <p className="field-hint">{t('firstRun.demoNote')}</p>
    </section>
  );
}
