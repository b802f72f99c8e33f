// Everything that happened to a response, newest first: activation, ticks, level changes,
// notes, linked reports, the close; each with who and when.
import { ACTION_STATUS_LABELS, type ActionStatus, type ResponseDetail } from '@contract/plans';
import { useT } from '../../i18n/use-t';
import { dateTime } from '../../state/duty/format';
import { useLabel } from '../../shared/label';
import { useSlice } from '../../state/context';
import { dutySlice } from '../../state/duty/duty-slice';

export function ResponseTimeline({ detail }: { detail: ResponseDetail }) {
  const t = useT();
  const label = useLabel();
  const actionText = new Map(detail.actions.map((a) => [a.id, a.text]));
  const status = (s: string | null): string => (s && s in ACTION_STATUS_LABELS ? label(ACTION_STATUS_LABELS[s as ActionStatus]) : (s ?? '—'));
  const entries = [...detail.timeline].sort((a, b) => b.at - a.at);
  // A linked report by its street and summary, never its id.
  const reports = useSlice(dutySlice, (d) => d.reports);
  const reportName = (id: string): string => {
    const r = reports.find((x) => x.id === id);
    return r ? `${r.street}：${r.summary.slice(0, 30)}` : t('response.reportUnnamed');
  };
  return (
    <ol className="history" data-testid="response-timeline">
      {entries.map((e, i) => (
        <li key={`${e.at}-${i}`} data-kind={e.kind}>
          <span className="tabular">{dateTime(e.at)}</span> <b>{e.by.name}</b>{' '}
          {e.kind === 'action'
            ? t('timeline.action', { action: actionText.get(e.actionId ?? '') ?? '', from: status(e.from), to: status(e.to) })
            : e.kind === 'level'
              ? t('timeline.level', { from: e.from ?? '—', to: e.to ?? '—' })
              : e.kind === 'report'
                ? t('timeline.report', { id: reportName(e.to ?? '') })
                : t(`timeline.${e.kind}`)}
          {e.text && <span className="history-note"> — {e.text}</span>}
        </li>
      ))}
    </ol>
  );
}
