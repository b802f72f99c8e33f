// The duty log on the console: the latest reports, open ones or all, newest first. Choosing
// one opens it below.
import { useState } from 'react';
import { REPORT_CATEGORY_LABELS, REPORT_STATUS_LABELS, SEVERITY_LABELS } from '@contract/duty';
import { useT } from '../../../i18n/use-t';
import { shortDateTime } from '../../../state/duty/format';
import { useLabel } from '../../../shared/label';
import { useSlice } from '../../../state/context';
import { dutySlice } from '../../../state/duty/duty-slice';
import { Check } from '../../Check';
import { PickTable } from '../../PickTable';
import { useResponseLine } from './ResponseLinks';

/** "预案响应 三防应急预案 Ⅲ级（较大）" under a report that started or joined a response. */
function StartedTag({ ids }: { ids: readonly string[] }) {
  const line = useResponseLine(ids);
  return line ? (
    <span className="started-tag" data-testid="report-row-started">
      {line}
    </span>
  ) : null;
}

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
        <Check label={t('reportList.openOnly')} testId="reports-open-only" checked={openOnly} onChange={setOpenOnly} />
      </div>
      <PickTable
        headers={[
          t('reportList.received'),
          t('reportList.status'),
          t('reportForm.severity'),
          t('reportForm.category'),
          t('reportForm.street'),
          t('reportForm.summary'),
        ]}
        items={shown}
        rowTestId="console-report-row"
        rowClass={(r) => `rs-${r.status}`}
        status={(r) => r.status}
        selectedId={selectedId}
        onPick={(r) => onSelect(r.id)}
        cells={(r) => (
          <>
            <td className="tabular nowrap">{shortDateTime(r.receivedAt)}</td>
            <td className="nowrap status-word">{label(REPORT_STATUS_LABELS[r.status])}</td>
            <td className="nowrap">{label(SEVERITY_LABELS[r.severity])}</td>
            <td className="nowrap">{label(REPORT_CATEGORY_LABELS[r.category])}</td>
            <td className="nowrap">{r.street}</td>
            <td className="ellipsis">
              {r.summary}
              {r.responseIds.length > 0 && <StartedTag ids={r.responseIds} />}
            </td>
          </>
        )}
      />
      {shown.length === 0 && <p className="unset">{t('dutyLog.empty')}</p>}
    </div>
  );
}
