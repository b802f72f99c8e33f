// The period's reports as one table, oldest first, every field a log needs on paper, and under
// each its handling history (who did what, when); a report and its history stay on one page.
import { REPORT_CATEGORY_LABELS, REPORT_SOURCE_LABELS, REPORT_STATUS_LABELS, SEVERITY_LABELS, type Report, type ReportEvent } from '@contract/duty';
import { useT } from '../../../i18n/use-t';
import { dateTime } from '../../../state/duty/format';
import { useLabel } from '../../../shared/label';
import { ReportHistory } from '../reports/ReportHistory';

const COLUMNS = 10;

export function PrintReports({ reports, histories }: { reports: Report[]; histories: ReadonlyMap<string, ReportEvent[]> | null }) {
  const t = useT();
  const label = useLabel();
  if (reports.length === 0) return <p>{t('dutyLog.empty')}</p>;
  return (
    <table className="print-table" data-testid="print-reports">
      <thead>
        <tr>
          <th className="nowrap">{t('printLog.no')}</th>
          <th>{t('reportList.received')}</th>
          <th>{t('reportForm.source')}</th>
          <th>{t('reportForm.category')}</th>
          <th>{t('reportForm.street')}</th>
          <th>{t('reportForm.location')}</th>
          <th>{t('reportForm.summary')}</th>
          <th>{t('reportForm.severity')}</th>
          <th>{t('reportList.status')}</th>
          <th>{t('reportDetail.recordedBy')}</th>
        </tr>
      </thead>
      {reports.map((r, i) => {
        const history = histories?.get(r.id);
        return (
          <tbody key={r.id} className="print-entry">
            <tr data-testid="print-report" data-id={r.id}>
              <td>{i + 1}</td>
              <td className="nowrap">{dateTime(r.receivedAt)}</td>
              <td className="nowrap">{label(REPORT_SOURCE_LABELS[r.source])}</td>
              <td className="nowrap">{label(REPORT_CATEGORY_LABELS[r.category])}</td>
              <td className="nowrap">{r.street}</td>
              <td>{r.location}</td>
              <td>{r.summary}</td>
              <td className="nowrap">{label(SEVERITY_LABELS[r.severity])}</td>
              <td className="nowrap">{label(REPORT_STATUS_LABELS[r.status])}</td>
              <td className="nowrap">{r.recordedBy.name}</td>
            </tr>
            <tr className="print-history" data-testid="print-history" data-id={r.id} data-events={history?.length ?? ''}>
              <td colSpan={COLUMNS}>
                <span className="print-history-label">{t('printLog.history')}</span>
                {history && history.length > 0 ? <ReportHistory history={history} /> : <span>{histories ? t('printLog.noHistory') : t('app.loading')}</span>}
              </td>
            </tr>
          </tbody>
        );
      })}
    </table>
  );
}
