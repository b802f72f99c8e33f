// 报送时限: the deadlines of information reporting per event class and level (phone report, written
// 首报, 续报 interval, 终报), the defaults marked, with the rules they come from. Changing one needs
// the administration right (settings.admin); a refusal shows in the page's banner.
import { useEffect, useState } from 'react';
import { EVENT_CLASS_LABELS, EVENT_LEVEL_LABELS, type DeadlineRule, type DeadlineTable } from '@contract/reporting';
import { useT } from '../../../i18n/use-t';
import { useLabel } from '../../../shared/label';
import { useCommands, useSlice } from '../../../state/context';
import { reportingSlice } from '../../../state/reporting/reporting-slice';

const NUMBERS = ['phoneMin', 'firstMin', 'followUpMin', 'finalHours'] as const;

export function DeadlineSection() {
  const t = useT();
  const version = useSlice(reportingSlice, (s) => s.version);
  const { readDeadlines } = useCommands(reportingSlice);
  const [table, setTable] = useState<DeadlineTable | null>(null);
  useEffect(() => {
    let live = true;
    void readDeadlines().then((r) => live && r && setTable(r));
    return () => {
      live = false;
    };
  }, [version, readDeadlines]);
  return (
    <details className="console-section tab-section deadline-section" data-testid="deadline-section">
      <summary>{t('deadlines.title')}</summary>
      {table && (
        <>
          <table className="deadline-table">
            <thead>
              <tr>
                <th>{t('filing.eventClass')}</th>
                <th>{t('filing.level')}</th>
                {NUMBERS.map((k) => (
                  <th key={k}>{t(`deadlines.${k}`)}</th>
                ))}
                <th />
              </tr>
            </thead>
            <tbody>
              {table.rules.map((r) => (
                <DeadlineRow key={`${r.eventClass}:${r.level}:${NUMBERS.map((k) => r[k]).join(':')}`} rule={r} onSaved={setTable} />
              ))}
            </tbody>
          </table>
          <p className="field-hint">{t('deadlines.sources')}</p>
          <ul className="field-hint" data-testid="deadline-sources">
            {table.sources.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

function DeadlineRow({ rule, onSaved }: { rule: DeadlineRule & { isDefault: boolean }; onSaved(t: DeadlineTable): void }) {
  const t = useT();
  const label = useLabel();
  const { saveDeadline, resetDeadline } = useCommands(reportingSlice);
  const [values, setValues] = useState(() => Object.fromEntries(NUMBERS.map((k) => [k, String(rule[k])])) as Record<(typeof NUMBERS)[number], string>);
  const changed = NUMBERS.some((k) => values[k] !== String(rule[k]));
  const save = async (): Promise<void> => {
    const r = await saveDeadline({
      ...rule,
      ...(Object.fromEntries(NUMBERS.map((k) => [k, Number(values[k])])) as Pick<DeadlineRule, (typeof NUMBERS)[number]>),
    });
    if (r) onSaved(r);
  };
  const reset = async (): Promise<void> => {
    const r = await resetDeadline(rule.eventClass, rule.level);
    if (r) onSaved(r);
  };
  return (
    <tr data-testid="deadline-row" data-pair={`${rule.eventClass}:${rule.level}`} data-default={rule.isDefault || undefined}>
      <td>{label(EVENT_CLASS_LABELS[rule.eventClass])}</td>
      <td>{label(EVENT_LEVEL_LABELS[rule.level])}</td>
      {NUMBERS.map((k) => (
        <td key={k}>
          <input
            type="number"
            inputMode="numeric"
            aria-label={`${label(EVENT_CLASS_LABELS[rule.eventClass])} ${label(EVENT_LEVEL_LABELS[rule.level])} ${t(`deadlines.${k}`)}`}
            value={values[k]}
            onChange={(e) => setValues({ ...values, [k]: e.target.value })}
          />
        </td>
      ))}
      <td>
        <button type="button" disabled={!changed} onClick={() => void save()}>
          {t('deadlines.save')}
        </button>{' '}
        {!rule.isDefault && (
          <button type="button" onClick={() => void reset()}>
            {t('deadlines.reset')}
          </button>
        )}
      </td>
    </tr>
  );
}
