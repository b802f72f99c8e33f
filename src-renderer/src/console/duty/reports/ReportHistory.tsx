// A report's history, oldest first: who did what, when, from which seat.
import { REPORT_STATUS_LABELS, type ReportEvent } from '@contract/duty';
import { useT } from '../../../i18n/use-t';
import { dateTime } from '../../../state/duty/format';
import { useLabel } from '../../../shared/label';
import { useResponseNames } from './response-names';

export function ReportHistory({ history }: { history: ReportEvent[] }) {
  const t = useT();
  const label = useLabel();
  const status = (s: ReportEvent['to']): string => (s ? label(REPORT_STATUS_LABELS[s]) : '—');
  // Responses by name (plan and level), never by id.
  const names = useResponseNames([...new Set(history.flatMap((e) => (e.responseId ? [e.responseId] : [])))]);
  const nameOf = (id: string | null | undefined): string => names.find((n) => n.id === id)?.name ?? t('response.reportUnnamed');
  return (
    <ol className="history" data-testid="report-history">
      {history.map((e, i) => (
        <li key={`${e.at}-${i}`} data-kind={e.kind}>
          <span className="tabular">{dateTime(e.at)}</span> <b>{e.by.name}</b>{' '}
          {e.kind === 'status'
            ? t('history.status', { from: status(e.from), to: status(e.to) })
            : e.kind === 'escalated' || e.kind === 'linked'
              ? t(`history.${e.kind}`, { name: nameOf(e.responseId) })
              : e.kind === 'updated'
                ? t('history.updated', { fields: e.fields.join(', ') })
                : e.kind === 'filed'
                  ? t('history.filed')
                  : t('history.recorded')}
          {e.note && <span className="history-note"> — {e.note}</span>}
        </li>
      ))}
    </ol>
  );
}
