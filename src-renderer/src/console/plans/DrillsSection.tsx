// 演练: this year's drills by planned date, held or not (overdue in red); plan a new one or
// record one as held. Saving a drill moves the drill execution rate on the wall.
import { useState } from 'react';
import { localDateString } from '@contract/yuexiu';
import { useT } from '../../i18n/use-t';
import { useServerNow } from '../../shared/use-server-now';
import { useSlice } from '../../state/context';
import { plansSlice } from '../../state/plans/plans-slice';
import { PickTable } from '../PickTable';
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
      <PickTable
        scrollClass="drill-scroll"
        headers={[t('drills.plannedOn'), t('drills.plan'), t('drills.title'), t('drills.status'), t('drills.heldOn'), t('drills.participants')]}
        items={drills}
        rowTestId="drill-row"
        rowClass={(d) => `drill-${d.status}`}
        status={(d) => d.status}
        onPick={(d) => setDraft(draftFromDrill(d))}
        cells={(d) => (
          <>
            <td className="tabular nowrap">{d.plannedOn}</td>
            <td>{d.planTitle}</td>
            <td>{d.title}</td>
            <td className={d.status === 'overdue' ? 'overdue-word nowrap' : 'nowrap'}>{t(`drills.status.${d.status}`)}</td>
            <td className="tabular nowrap">{d.heldOn ?? '—'}</td>
            <td>{d.participants}</td>
          </>
        )}
      />
    </section>
  );
}
