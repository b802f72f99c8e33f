// 物资台账: the latest movements, newest first (of the chosen place, or every place): when, what,
// from where to where, how much and the balances after it, who and why, the task or request served.
import { MOVEMENT_KIND_LABELS } from '@contract/materials';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useCommands, useSlice } from '../../state/context';
import { tasksSlice } from '../../state/tasks/tasks-slice';
import { useLoadedOrRead } from '../consult/ConsultRefs';
import { dateTime } from '../../state/duty/format';
import { materialsSlice } from '../../state/materials/materials-slice';
import { TableHead } from '../TableHead';

/** The task a movement served, by its title (never its id): from the tasks loaded, else one read. */
function TaskRef({ id }: { id: string }) {
  const t = useT();
  const loaded = useSlice(tasksSlice, (s) => s.tasks.find((x) => x.id === id)?.title);
  const { readTask } = useCommands(tasksSlice);
  const title = useLoadedOrRead(id, loaded, async (x) => (await readTask(x))?.title ?? null);
  return (
    <span className="field-hint" data-testid="ledger-task">
      {' · '}
      {title === null ? t('refs.taskUnknown') : t('refs.task', { title })}
    </span>
  );
}

export function LedgerSection({ place }: { place: string }) {
  const t = useT();
  const label = useLabel();
  const ledger = useSlice(materialsSlice, (s) => s.ledger);
  const shown = place === '' ? ledger : ledger.filter((e) => e.from?.key === place || e.to?.key === place);
  return (
    <section className="console-section materials-ledger" data-testid="materials-ledger">
      <h2>{t('materials.ledgerTitle')}</h2>
      {shown.length === 0 ? (
        <p className="field-hint">{t('materials.noLedger')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('materials.ledgerTitle')}>
          <table className="materials-table">
            <TableHead
              columns={[
                'materials.at',
                'materials.kind',
                'materials.item',
                'materials.quantity',
                'materials.from',
                'materials.to',
                'materials.by',
                'materials.reason',
              ]}
            />
            <tbody>
              {shown.map((e) => (
                <tr key={e.seq} data-testid="ledger-row" data-kind={e.kind} data-request={e.requestId ?? undefined}>
                  <td className="tabular">{dateTime(e.at)}</td>
                  <td>{label(MOVEMENT_KIND_LABELS[e.kind])}</td>
                  <td>
                    {e.item}
                    {e.expiry && <span className="field-hint"> ({t('materials.until', { date: e.expiry })})</span>}
                  </td>
                  <td className="tabular">
                    {e.quantity} {e.unit}
                  </td>
                  <td>{e.from ? `${e.from.name}（${t('materials.balanceAfter', { n: e.fromBalance ?? 0 })}）` : '—'}</td>
                  <td>{e.to ? `${e.to.name}（${t('materials.balanceAfter', { n: e.toBalance ?? 0 })}）` : '—'}</td>
                  <td>{e.by ? e.by.name : t('materials.openingBalance')}</td>
                  <td>
                    {e.reason}
                    {e.taskId && <TaskRef id={e.taskId} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
