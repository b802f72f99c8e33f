// 交接班: handovers waiting for confirmation, the acting person's own handover, and the recent
// ones with both times (handed over, confirmed).
import type { Handover } from '@contract/duty';
import { useT } from '../../../i18n/use-t';
import { dateTime } from '../../../state/duty/format';
import { useSlice } from '../../../state/context';
import { dutySlice } from '../../../state/duty/duty-slice';
import { TableHead } from '../../TableHead';
import { useActor } from '../ActorPicker';
import { HandoverForm } from './HandoverForm';
import { HandoverItems } from './HandoverItems';
import { PendingHandover } from './PendingHandover';

function Recent({ list }: { list: Handover[] }) {
  const t = useT();
  return (
    <table className="data-table" data-testid="handover-list">
      <TableHead columns={['handover.outgoing', 'handover.incoming', 'handover.handedOver', 'handover.confirmedAt', 'handover.status', 'handover.carried']} />
      <tbody>
        {list.map((h) => (
          <tr key={h.id} data-testid="handover-row" data-id={h.id} data-status={h.status}>
            <td>{h.outgoing.name}</td>
            <td>{h.incoming.name}</td>
            <td className="tabular nowrap">{dateTime(h.handedOverAt)}</td>
            <td className="tabular nowrap">{h.confirmedAt ? dateTime(h.confirmedAt) : '—'}</td>
            <td>
              {t(`handover.status.${h.status}`)}
              {h.cancelReason && ` — ${h.cancelReason}`}
            </td>
            <td>
              {h.openItems.length === 0 ? (
                '—'
              ) : (
                <details data-testid="handover-record-items">
                  <summary>{t('handover.carriedCount', { n: h.openItems.length })}</summary>
                  {h.notes && <p className="handover-notes">{h.notes}</p>}
                  <HandoverItems items={h.openItems} />
                </details>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HandoverSection() {
  const t = useT();
  const actor = useActor();
  const handovers = useSlice(dutySlice, (d) => d.handovers);
  const pending = handovers.filter((h) => h.status === 'pending');
  const mineOut = actor ? pending.some((h) => h.outgoing.id === actor) : false;
  return (
    <section className="console-section tab-section" data-testid="handover-section">
      <h2>{t('handover.title')}</h2>
      {pending.map((h) => (
        <PendingHandover key={h.id} handover={h} />
      ))}
      {actor && !mineOut && <HandoverForm key={actor} outgoingId={actor} />}
      {handovers.length > 0 && <Recent list={handovers.filter((h) => h.status !== 'pending').slice(0, 8)} />}
    </section>
  );
}
