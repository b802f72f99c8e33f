// The duty log on the console: the latest reports, open ones or all, newest first. Choosing
// one opens it below.
import { useState } from 'react';
import { REPORT_CATEGORY_LABELS, REPORT_STATUS_LABELS, SEVERITY_LABELS } from '@contract/duty';
import { useT } from '../../../i18n/use-t';
import { shortDateTime } from '../../../state/duty/format';
import { useLabel } from '../../../shared/label';
import { useSlice } from '../../../state/context';
import { dutySlice } from '../../../state/duty/duty-slice';

export function ReportList({ selectedId, onSelect }: { selectedId: string | null; onSelect(id: string): void }) {
  const t = useT();
  const label = useLabel();
  const reports = useSlice(dutySlice, (d) => d.reports);
  const [openOnly, setOpenOnly] = useState(false);
  const shown = openOnly ? reports.filter((r) => r.status !== 'closed') : reports;
  return (
    <div className="report-list">
      <div className="list-head">
        <h2>{t('reportList.title')}</h2>
        <label className="check">
          <input type="checkbox" data-testid="reports-open-only" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
          {t('reportList.openOnly')}
        </label>
      </div>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('reportList.received')}</th>
              <th>{t('reportList.status')}</th>
              <th>{t('reportForm.severity')}</th>
              <th>{t('reportForm.category')}</th>
              <th>{t('reportForm.street')}</th>
              <th>{t('reportForm.summary')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr
                key={r.id}
                className={`clickable rs-${r.status}${r.id === selectedId ? ' selected' : ''}`}
                data-testid="console-report-row"
                data-id={r.id}
                data-status={r.status}
                onClick={() => onSelect(r.id)}
              >
                <td className="tabular nowrap">{shortDateTime(r.receivedAt)}</td>
                <td className="nowrap status-word">{label(REPORT_STATUS_LABELS[r.status])}</td>
                <td className="nowrap">{label(SEVERITY_LABELS[r.severity])}</td>
                <td className="nowrap">{label(REPORT_CATEGORY_LABELS[r.category])}</td>
                <td className="nowrap">{r.street}</td>
                <td className="ellipsis">{r.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length === 0 && <p className="unset">{t('dutyLog.empty')}</p>}
    </div>
  );
}
