// 演练: this year's drills by planned date, held or not (overdue in red); plan a new one or
// record one as held. Saving a drill moves the drill execution rate on the wall.
import { useState } from 'react';
import { localDateString } from '@contract/yuexiu';
import { useT } from '../../i18n/use-t';
import { useServerNow } from '../../shared/use-server-now';
import { useSlice } from '../../state/context';
import { plansSlice } from '../../state/plans/plans-slice';
import { DrillForm } from './DrillForm';
import { draftFromDrill, newDrillDraft, type DrillDraft } from './drill-draft';
import { useRead } from './use-plans';

export function DrillsSection() {
  const t = useT();
  const today = localDateString(useServerNow(60_000));
  const version = useSlice(plansSlice, (s) => s.libraryVersion);
  const drills = useRead('plans.listDrills', {}, version) ?? [];
  const plans = useRead('plans.list', {}, version) ?? [];
  const [draft, setDraft] = useState<DrillDraft | null>(null);
  return (
    <section className="console-section tab-section" data-testid="drills-section">
      <h2>{t('drills.sectionTitle', { n: drills.length })}</h2>
      {draft ? (
        <DrillForm key={draft.id ?? 'new'} initial={draft} plans={plans} onDone={() => setDraft(null)} />
      ) : (
        <button
          type="button"
          className="primary"
          data-testid="new-drill"
          disabled={plans.length === 0}
          onClick={() => setDraft(newDrillDraft(plans[0]?.id ?? '', today))}
        >
          {t('drills.new')}
        </button>
      )}
      <div className="table-scroll drill-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('drills.plannedOn')}</th>
              <th>{t('drills.plan')}</th>
              <th>{t('drills.title')}</th>
              <th>{t('drills.status')}</th>
              <th>{t('drills.heldOn')}</th>
              <th>{t('drills.participants')}</th>
            </tr>
          </thead>
          <tbody>
            {drills.map((d) => (
              <tr
                key={d.id}
                className={`clickable drill-${d.status}`}
                data-testid="drill-row"
                data-id={d.id}
                data-status={d.status}
                onClick={() => setDraft(draftFromDrill(d))}
              >
                <td className="tabular nowrap">{d.plannedOn}</td>
                <td>{d.planTitle}</td>
                <td>{d.title}</td>
                <td className={d.status === 'overdue' ? 'overdue-word nowrap' : 'nowrap'}>{t(`drills.status.${d.status}`)}</td>
                <td className="tabular nowrap">{d.heldOn ?? '—'}</td>
                <td>{d.participants}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
