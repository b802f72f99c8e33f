// 信息报送 on the wall: every report still owing a 首报, 续报 or 终报, overdue first (red, with the
// time it is late), then the soonest due, each with its countdown (mm:ss, h:mm:ss from an hour).
// The server pushes reporting.changed when a report crosses its due time; between pushes the
// countdown runs on the server's clock as this page knows it.
import { EVENT_LEVEL_LABELS, FILING_KIND_LABELS, type ReportClock } from '@contract/reporting';
import { PanelLoading } from '../../shared/PanelLoading';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useServerNow } from '../../shared/use-server-now';
import { useSlice } from '../../state/context';
import { countdown, isOverdue, sortClocks } from '../../state/reporting/reporting';
import { reportingSlice } from '../../state/reporting/reporting-slice';
import { FitList } from '../FitList';
import './report-clock.css';

export function ReportClockPanel() {
  const loaded = useSlice(reportingSlice, (s) => s.loaded);
  const clocks = useSlice(reportingSlice, (s) => s.clocks);
  const now = useServerNow(1000);
  if (!loaded) return <PanelLoading />;
  return <ReportClockView clocks={clocks} now={now} />;
}

/** What the panel shows for these clocks at `now` (server time). */
export function ReportClockView({ clocks, now }: { clocks: readonly ReportClock[]; now: number }) {
  const t = useT();
  // Re-sorted at `now`: a clock that went overdue since the last push moves up.
  const lines = sortClocks(clocks.filter((c) => c.dueAt !== null).map((c) => ({ ...c, overdue: isOverdue(c, now) })));
  const overdue = lines.filter((c) => c.overdue).length;
  return (
    <div className="panel report-clock-panel" data-testid="panel-report-clock" data-overdue={overdue}>
      <div className="report-clock-head">
        <span className="report-clock-heading">{t('reportClock.heading')}</span>
        {overdue > 0 && (
          <span className="report-clock-count overdue" data-testid="report-clock-overdue">
            {t('reportClock.overdueCount', { n: overdue })}
          </span>
        )}
      </div>
      {lines.length === 0 ? (
        <div className="panel-waiting">{t('reportClock.none')}</div>
      ) : (
        <FitList
          className="report-clock-lines"
          items={lines}
          keyOf={(c) => c.reportId}
          version={Math.floor(now / 1000)}
          render={(c) => <ClockLine clock={c} now={now} />}
        />
      )}
    </div>
  );
}

function ClockLine({ clock, now }: { clock: ReportClock; now: number }) {
  const t = useT();
  const label = useLabel();
  const kind = clock.dueKind ? label(FILING_KIND_LABELS[clock.dueKind]) : '';
  return (
    <li
      className={clock.overdue ? 'report-clock-line overdue' : 'report-clock-line'}
      data-testid="report-clock-line"
      data-id={clock.reportId}
      data-kind={clock.dueKind ?? undefined}
      data-overdue={clock.overdue || undefined}
    >
      <span className="report-clock-what wall-main">
        {clock.street} · {clock.summary}
      </span>
      <span className="report-clock-level">{label(EVENT_LEVEL_LABELS[clock.level])}</span>
      <span className="report-clock-due tabular" data-testid="report-clock-due">
        {clock.overdue
          ? t('reportClock.overdue', { kind, late: countdown(clock.dueAt ?? now, now).slice(1) })
          : t('reportClock.dueIn', { kind, left: countdown(clock.dueAt ?? now, now) })}
      </span>
    </li>
  );
}
