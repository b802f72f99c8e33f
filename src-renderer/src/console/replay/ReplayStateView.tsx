// The district as it was at the moment the replay shows: lists of what was open then, and the
// significant events up to that moment (newest first).
import { REPORT_STATUS_LABELS } from '@contract/duty';
import { RESPONSE_LEVEL_LABELS } from '@contract/plans';
import { REPLAY_EVENT_LABELS, type ReplayEvent, type ReplayState } from '@contract/replay';
import { TASK_STATE_LABELS } from '@contract/tasks';
import { TEAM_STATUS_LABELS } from '@contract/teams';
import { SIGNAL_LEVEL_LABELS } from '@contract/warnings';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { hhmm } from '../../state/duty/format';

function Block({ title, count, testId, children }: { title: string; count: number; testId: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="replay-block" data-testid={testId} data-count={count}>
      <h3>
        {title} <span className="replay-count">{count}</span>
      </h3>
      {count === 0 ? <p className="unset">{t('replay.none')}</p> : <ul>{children}</ul>}
    </div>
  );
}

export function ReplayStateView({ state, events }: { state: ReplayState; events: readonly ReplayEvent[] }) {
  const t = useT();
  const label = useLabel();
  return (
    <div className="replay-state" data-testid="replay-state" data-at={state.at}>
      <Block title={t('replay.reports')} count={state.reports.length} testId="replay-reports">
        {state.reports.map((r) => (
          <li key={r.id}>
            {hhmm(r.receivedAt)} {r.street} {r.summary} · {label(REPORT_STATUS_LABELS[r.status])}
          </li>
        ))}
      </Block>
      <Block title={t('replay.responses')} count={state.responses.length} testId="replay-responses">
        {state.responses.map((r) => (
          <li key={r.id}>
            {r.planTitle} · {label(RESPONSE_LEVEL_LABELS[r.level])} · {t('replay.actionsOpen', { open: r.actions.open, overdue: r.actions.overdue })}
          </li>
        ))}
      </Block>
      <Block title={t('replay.tasks')} count={state.tasks.length} testId="replay-tasks">
        {state.tasks.map((x) => (
          <li key={x.id} className={x.overdue ? 'overdue' : x.unacknowledged ? 'unacknowledged' : undefined} data-state={x.state}>
            {x.title} → {x.addressee.name} · {label(TASK_STATE_LABELS[x.state])}
            {x.overdue ? ` · ${t('replay.overdue')}` : x.unacknowledged ? ` · ${t('replay.unacknowledged')}` : ''}
          </li>
        ))}
      </Block>
      <Block title={t('replay.teams')} count={state.teams.length} testId="replay-teams">
        {state.teams.map((x) => (
          <li key={x.id} data-status={x.status}>
            {x.name} · {label(TEAM_STATUS_LABELS[x.status])}
          </li>
        ))}
      </Block>
      <Block title={t('replay.stock')} count={state.stock.length} testId="replay-stock">
        {state.stock.map((s) => (
          <li key={`${s.place}:${s.item}:${s.unit}`}>
            {s.place} · {s.item} {s.quantity}
            {s.unit}
          </li>
        ))}
      </Block>
      <Block title={t('replay.warnings')} count={state.warnings.length} testId="replay-warnings">
        {state.warnings.map((w) => (
          <li key={w.id}>
            {w.headline} · {label(SIGNAL_LEVEL_LABELS[w.level])}
          </li>
        ))}
      </Block>
      <Block title={t('replay.eventsSoFar')} count={events.length} testId="replay-events">
        {events.map((e, i) => (
          <li key={`${e.at}:${e.kind}:${i}`}>
            {hhmm(e.at)} {label(REPLAY_EVENT_LABELS[e.kind])} · {e.what}
            {e.who ? ` · ${e.who}` : ''}
          </li>
        ))}
      </Block>
    </div>
  );
}
