// 预案库: the plan library with filters (category, words in the title or owner unit); choosing
// a plan shows it in full below, where a response can be started from it.
import { useState } from 'react';
import { PLAN_CATEGORY_LABELS, PLAN_LEVEL_LABELS, PlanCategory } from '@contract/plans';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useSlice } from '../../state/context';
import { plansSlice } from '../../state/plans/plans-slice';
import { Field } from '../Field';
import { PickTable } from '../PickTable';
import { PlanDetail } from './PlanDetail';
import { useRead } from './use-plans';

export function PlanLibrary({ onActivated }: { onActivated(responseId: string): void }) {
  const t = useT();
  const label = useLabel();
  const version = useSlice(plansSlice, (s) => s.libraryVersion);
  const [category, setCategory] = useState<PlanCategory | ''>('');
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const plans = useRead('plans.list', { ...(category ? { category } : {}), ...(q.trim() ? { q: q.trim() } : {}) }, version) ?? [];
  return (
    <section className="console-section tab-section" data-testid="plan-library">
      <h2>{t('library.title', { n: plans.length })}</h2>
      <div className="form-actions">
        <Field label={t('library.category')}>
          <select data-testid="plan-filter-category" value={category} onChange={(e) => setCategory(e.target.value as PlanCategory | '')}>
            <option value="">{t('library.allCategories')}</option>
            {PlanCategory.options.map((c) => (
              <option key={c} value={c}>
                {label(PLAN_CATEGORY_LABELS[c])}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('library.search')}>
          <input data-testid="plan-filter-q" value={q} maxLength={40} onChange={(e) => setQ(e.target.value)} />
        </Field>
      </div>
      <div className="list-detail">
        <PickTable
          scrollClass="plan-scroll"
          headers={[t('library.planTitle'), t('library.category'), t('library.level'), t('library.owner'), t('library.version'), t('library.revisionDue')]}
          items={plans}
          rowTestId="plan-row"
          selectedId={selected}
          onPick={(p) => setSelected(p.id)}
          cells={(p) => (
            <>
              <td>
                {p.title}
                {p.activeResponseId && <b className="responding"> · {t('library.responding')}</b>}
              </td>
              <td className="nowrap">{label(PLAN_CATEGORY_LABELS[p.category])}</td>
              <td className="nowrap">{label(PLAN_LEVEL_LABELS[p.level])}</td>
              <td>{p.ownerUnit}</td>
              <td className="nowrap">{p.version}</td>
              <td className={p.revisionOverdue ? 'nowrap overdue-word' : 'nowrap'}>{p.revisionDueOn}</td>
            </>
          )}
        />
        {selected && <PlanDetail key={selected} id={selected} onActivated={onActivated} />}
      </div>
    </section>
  );
}
