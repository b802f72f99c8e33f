// 预案响应 on the wall: every active response with its checklist progress; overdue items in
// red. The server pushes no event when an item merely becomes overdue, so this recounts on a
// timer from each item's dueAt.
import { useT } from '../../i18n/use-t';
import { useServerNow } from '../../shared/use-server-now';
import { useSlice } from '../../state/context';
import { plansSlice } from '../../state/plans/plans-slice';
import { RESPONSE_LEVEL_RANK } from '@contract/plans';
import { ResponseCard } from './ResponseCard';
import './plan-responses.css';

export function PlanResponsesPanel() {
  const t = useT();
  const loaded = useSlice(plansSlice, (s) => s.loaded);
  const responses = useSlice(plansSlice, (s) => s.responses);
  const now = useServerNow(5000);
  if (!loaded) return <div className="panel panel-waiting">{t('app.loading')}</div>;
  if (responses.length === 0)
    return (
      <div className="panel panel-waiting" data-testid="panel-plan-responses" data-count={0}>
        {t('responses.none')}
      </div>
    );
  return (
    <div className="panel plan-responses-panel" data-testid="panel-plan-responses" data-count={responses.length}>
      {/* The most severe first: on the wall a Ⅰ response must never sit below a Ⅳ. */}
      {[...responses]
        .sort((a, b) => RESPONSE_LEVEL_RANK[b.level] - RESPONSE_LEVEL_RANK[a.level] || b.activatedAt - a.activatedAt)
        .map((r) => (
          <ResponseCard key={r.id} response={r} now={now} />
        ))}
    </div>
  );
}
