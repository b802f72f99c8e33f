// 排班: the roster by week or month, its coverage gaps (every hour needs a 带班领导 and a
// 值班员), whether the month is published, and the workbook import and export.
import { useEffect, useState } from 'react';
import { DUTY_ROLE_LABELS, type Coverage, type Roster } from '@contract/duty';
import { formatLocalRange, localDateString } from '@contract/yuexiu';
import { useT } from '../../../i18n/use-t';
import { useLabel } from '../../../shared/label';
import { useServerNow } from '../../../shared/use-server-now';
import { useSlice } from '../../../state/context';
import { dutySlice } from '../../../state/duty/duty-slice';
import { useDutyRead } from '../../../state/duty/use-duty-read';
import { Field } from '../../Field';
import { RosterImport } from './RosterImport';
import { RosterTable } from './RosterTable';
import { periodOf, rangeOf, rosterDays, stepDate, type RosterKind } from './roster-view';

export function RosterSection() {
  const t = useT();
  const label = useLabel();
  const today = localDateString(useServerNow(60_000));
  const version = useSlice(dutySlice, (d) => d.rosterVersion);
  const read = useDutyRead();
  const [kind, setKind] = useState<RosterKind>('week');
  const [date, setDate] = useState(today);
  const [roster, setRoster] = useState<Roster | null>(null);
  const [coverage, setCoverage] = useState<Coverage | null>(null);
  const period = periodOf(kind, date);
  const range = rangeOf(kind, date);
  // What the period is anchored on: a week's date, or a month (another day of the same month reads nothing new).
  const anchor = kind === 'week' ? date : date.slice(0, 7);
  useEffect(() => {
    let live = true;
    const asked = periodOf(kind, anchor);
    void Promise.all([read('duty.getRoster', { period: asked }), read('duty.checkCoverage', { period: asked })]).then(([r, c]) => {
      if (!live) return;
      setRoster(r);
      setCoverage(c);
    });
    return () => {
      live = false;
    };
  }, [kind, anchor, version, read]);

  // The table lists shifts by the day they start; a shift carried in from the day before belongs to the previous period.
  const shown = roster?.shifts.filter((s) => s.start >= range.from && s.start < range.to);
  return (
    <section className="console-section tab-section" data-testid="roster-section">
      <h2>{t('roster.title')}</h2>
      <div className="form-actions">
        <Field label={t('roster.view')}>
          <select data-testid="roster-kind" value={kind} onChange={(e) => setKind(e.target.value as RosterKind)}>
            <option value="week">{t('roster.week')}</option>
            <option value="month">{t('roster.month')}</option>
          </select>
        </Field>
        <button type="button" data-testid="roster-prev" onClick={() => setDate(stepDate(kind, date, -1))}>
          {t(kind === 'week' ? 'roster.prevWeek' : 'roster.prevMonth')}
        </button>
        <Field label={t('roster.date')}>
          <input type="date" data-testid="roster-date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
        </Field>
        <button type="button" data-testid="roster-next" onClick={() => setDate(stepDate(kind, date, 1))}>
          {t(kind === 'week' ? 'roster.nextWeek' : 'roster.nextMonth')}
        </button>
        <button type="button" onClick={() => setDate(today)}>
          {t('roster.today')}
        </button>
      </div>
      {roster && shown && (
        <p className="roster-facts" data-testid="roster-facts" data-shifts={shown.length}>
          {t('roster.counts', { shifts: shown.length, people: new Set(shown.map((s) => s.personId)).size })} ·{' '}
          {roster.publishedMonths.length ? t('roster.published', { months: roster.publishedMonths.join('、') }) : t('roster.draft')}
        </p>
      )}
      {coverage && !coverage.complete && (
        <ul className="coverage-gaps" data-testid="coverage-gaps">
          {coverage.gaps.slice(0, 8).map((g) => (
            <li key={`${g.role}-${g.from}`}>{t('roster.gap', { role: label(DUTY_ROLE_LABELS[g.role]), range: formatLocalRange(g.from, g.to) })}</li>
          ))}
          {coverage.gaps.length > 8 && <li>{t('roster.moreGaps', { n: coverage.gaps.length - 8 })}</li>}
        </ul>
      )}
      <RosterImport period={period} />
      {roster && <RosterTable days={rosterDays(roster.shifts, range)} today={today} />}
    </section>
  );
}
