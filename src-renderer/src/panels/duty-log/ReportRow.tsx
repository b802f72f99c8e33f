// One duty log entry on the wall: time, status (colour and word, never colour alone),
// severity, category and street, and the summary. A report just recorded flashes.
import { REPORT_CATEGORY_LABELS, REPORT_STATUS_LABELS, SEVERITY_LABELS, type Report } from '@contract/duty';
import { useT } from '../../i18n/use-t';
import { focusMap } from '../map/fly-to';
import { hhmm } from '../../state/duty/format';
import { useLabel } from '../../shared/label';

export function ReportRow({ report, fresh, day }: { report: Report; fresh: boolean; day: string | null }) {
  const t = useT();
  const label = useLabel();
  // A click (or Enter) centres the report on every map of this wall and opens its card.
  const show = (): void => {
    const key = `report:${report.id}`;
    focusMap(report.coordinates ? { ...report.coordinates, zoom: 16, key } : { key, zoom: 16 });
  };
  return (
    <li
      className={`log-row rs-${report.status} severity-${report.severity}${fresh ? ' fresh' : ''}`}
      role="button"
      tabIndex={0}
      title={t('dutyLog.showOnMap')}
      onClick={show}
      onKeyDown={(e) => e.key === 'Enter' && show()}
      data-testid="duty-log-row"
      data-id={report.id}
      data-status={report.status}
      data-fresh={fresh ? 'true' : 'false'}
    >
      <div className="log-main wall-main">
        <time className="log-time tabular" dateTime={new Date(report.receivedAt).toISOString()}>
          {hhmm(report.receivedAt)}
        </time>
        <span className="log-summary">
          {fresh && <span className="log-new">{t('dutyLog.new')}</span>}
          {report.summary}
        </span>
      </div>
      <div className="log-facts">
        {day !== null && (
          <span className="log-day" data-testid="duty-log-day">
            {day}
          </span>
        )}
        <span className="log-status">{label(REPORT_STATUS_LABELS[report.status])}</span>
        <span className="log-severity">{label(SEVERITY_LABELS[report.severity])}</span>
        <span className="log-where">
          {label(REPORT_CATEGORY_LABELS[report.category])} · {report.street}
        </span>
      </div>
    </li>
  );
}
