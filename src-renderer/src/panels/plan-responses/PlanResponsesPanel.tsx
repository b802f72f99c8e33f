// 预案响应 on the wall: every active response with its checklist progress; overdue items in
// red. The server pushes no event when an item merely becomes overdue, so this recounts on a
// timer from each item's dueAt. One list of lines, most severe response first (a Ⅰ never sits
// below a Ⅳ; at one level, the one with overdue items first), each response's heading then its
// overdue items (and, with one response alone, the next ones due): what does not fit is counted
// ("另有 N 项"), never cut. Every response's heading is kept whatever else is cut (FitList
// `pinned`): a response just raised must never sit hidden behind an older one's action lines.
import { RESPONSE_LEVEL_LABELS, RESPONSE_LEVEL_RANK, type Response, type ResponseAction } from '@contract/plans';
import { PanelLoading } from '../../shared/PanelLoading';
import { useT } from '../../i18n/use-t';
import { useServerNow } from '../../shared/use-server-now';
import { useSlice } from '../../state/context';
import { checklistProgress, type ChecklistProgress } from '../../state/plans/checklist';
import { plansSlice } from '../../state/plans/plans-slice';
import { urgentFirst } from '../../wall/type-scale';
import { FitList } from '../FitList';
import { ActionLine } from './ActionLine';
import { ResponseHead } from './ResponseCard';
import { markLook, responseMarks } from './legend';
import { Legend } from '../../shared/Legend';
import { useLabel } from '../../shared/label';
import './plan-responses.css';

/** Upcoming items shown after the overdue ones of each response. */
const UPCOMING = 2;

type Line =
  | { kind: 'head'; key: string; response: Response; progress: ChecklistProgress }
  | { kind: 'action'; key: string; response: Response; action: ResponseAction; overdue: boolean };

export function responseLines(responses: readonly Response[], now: number): Line[] {
  const withProgress = responses.map((r) => ({ r, p: checklistProgress(r.actions, now) }));
  const ordered = urgentFirst(withProgress, ({ r, p }) => RESPONSE_LEVEL_RANK[r.level] * 1e6 + Math.min(p.overdue.length, 999) * 1e3);
  return ordered.flatMap(({ r, p }, i): Line[] => [
    { kind: 'head', key: `h-${r.id}`, response: r, progress: p },
    ...p.overdue.map((a): Line => ({ kind: 'action', key: `a-${a.id}`, response: r, action: a, overdue: true })),
    // The next ones due only for the most severe response alone: with several, every heading and overdue item comes first.
    ...(i === 0 && ordered.length === 1 ? p.upcoming.slice(0, UPCOMING) : []).map((a): Line => ({
      kind: 'action',
      key: `a-${a.id}`,
      response: r,
      action: a,
      overdue: false,
    })),
  ]);
}

export function PlanResponsesPanel() {
  const t = useT();
  const label = useLabel();
  const loaded = useSlice(plansSlice, (s) => s.loaded);
  const responses = useSlice(plansSlice, (s) => s.responses);
  const now = useServerNow(5000);
  if (!loaded) return <PanelLoading />;
  if (responses.length === 0)
    return (
      <div className="panel panel-waiting" data-testid="panel-plan-responses" data-count={0}>
        {t('responses.none')}
      </div>
    );
  const lines = responseLines(responses, now);
  const legend = responseMarks(lines).map((m) => ({
    id: m.kind === 'level' ? `level-${m.level}` : m.kind,
    ...markLook(m),
    word: m.kind === 'level' ? label(RESPONSE_LEVEL_LABELS[m.level]) : t('legend.actionOverdue'),
  }));
  return (
    <div className="panel plan-responses-panel" data-testid="panel-plan-responses" data-count={responses.length}>
      <FitList
        className="resp-lines"
        items={lines}
        keyOf={(l) => l.key}
        version={Math.floor(now / 60_000)}
        pinned={(l) => l.kind === 'head'}
        render={(l) =>
          l.kind === 'head' ? (
            <ResponseHead response={l.response} progress={l.progress} now={now} />
          ) : (
            <ActionLine action={l.action} now={now} overdue={l.overdue} level={l.response.level} />
          )
        }
      />
      <Legend entries={legend} label={t('legend.label')} />
    </div>
  );
}
