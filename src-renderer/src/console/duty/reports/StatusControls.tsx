// Moves a report along new → verifying → handling → closed, only as REPORT_TRANSITIONS allows,
// with an optional note; each move is time-stamped and names the acting person.
import { useState } from 'react';
import { REPORT_STATUS_LABELS, REPORT_TRANSITIONS, type Report, type ReportStatus } from '@contract/duty';
import { useT } from '../../../i18n/use-t';
import { useLabel } from '../../../shared/label';
import { useCommands } from '../../../state/context';
import { dutySlice } from '../../../state/duty/duty-slice';
import { ConfirmButton } from '../../ConfirmButton';
import { useActor } from '../ActorPicker';

export function StatusControls({ report }: { report: Report }) {
  const t = useT();
  const label = useLabel();
  const actor = useActor();
  const { setReportStatus } = useCommands(dutySlice);
  const [note, setNote] = useState('');
  const moves = REPORT_TRANSITIONS[report.status];
  const move = async (to: ReportStatus): Promise<void> => {
    if (await setReportStatus(report.id, to, note)) setNote('');
  };
  if (moves.length === 0) return <p className="unset">{t('reportDetail.closedForGood')}</p>;
  return (
    <div className="form-actions status-controls">
      <input
        className="wide"
        data-testid="status-note"
        placeholder={t('reportDetail.statusNote')}
        value={note}
        maxLength={2000}
        onChange={(e) => setNote(e.target.value)}
      />
      {moves.map((to) =>
        to === 'closed' ? (
          <ConfirmButton
            key={to}
            testId={`report-status-${to}`}
            label={t('reportDetail.moveTo', { status: label(REPORT_STATUS_LABELS[to]) })}
            title={t('confirm.closeReportTitle')}
            consequence={t('confirm.closeReportBody', { summary: report.summary.slice(0, 60) })}
            disabled={!actor}
            onConfirm={() => void move(to)}
          />
        ) : (
          <button key={to} type="button" className="primary" data-testid={`report-status-${to}`} disabled={!actor} onClick={() => void move(to)}>
            {t('reportDetail.moveTo', { status: label(REPORT_STATUS_LABELS[to]) })}
          </button>
        ),
      )}
    </div>
  );
}
