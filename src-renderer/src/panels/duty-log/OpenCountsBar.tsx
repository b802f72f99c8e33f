// The open reports by status: what the duty room still has in hand.
import { REPORT_STATUS_LABELS } from '@contract/duty';
import type { OpenCounts } from '../../state/duty/duty-state';
import { useLabel } from '../../shared/label';

const OPEN = ['new', 'verifying', 'handling'] as const;

export function OpenCountsBar({ counts }: { counts: OpenCounts }) {
  const label = useLabel();
  return (
    <div className="log-counts" data-testid="duty-log-counts">
      {OPEN.map((s) => (
        <span key={s} className={`log-count rs-${s}`} data-testid={`open-count-${s}`} data-count={counts[s]}>
          <span className="log-count-label">{label(REPORT_STATUS_LABELS[s])}</span>
          <b className="tabular">{counts[s]}</b>
        </span>
      ))}
    </div>
  );
}
