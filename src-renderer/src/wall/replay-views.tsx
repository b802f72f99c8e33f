// The wall in replay (复盘上墙): what each cell shows while the wall is put back to a past moment.
// The panels whose data replay.getAt folds show that moment instead of the live picture: the duty
// log's open reports, the plan responses, the tasks, the teams, the resources (teams by status and
// stock), the warnings in force and the significant-events board (the events up to that moment);
// the map follows the replay itself (its tasks and teams, see panels/map/MapPanel.tsx). Every other
// panel stays live and says so in grey, never pretending. The alert strip and the header's warning
// slot show the moment too (AlertStrip.tsx, HeaderWarningSlot.tsx); the header's other slots are
// marked live (WallHeader.tsx).
import type { ComponentType, ReactNode } from 'react';
import { REPORT_STATUS_LABELS } from '@contract/duty';
import { RESPONSE_LEVEL_LABELS } from '@contract/plans';
import type { ReplayState } from '@contract/replay';
import { TASK_STATE_LABELS } from '@contract/tasks';
import { TEAM_STATUS_LABELS, TEAM_STATUSES } from '@contract/teams';
import { SIGNAL_LEVEL_LABELS } from '@contract/warnings';
import { useT } from '../i18n/use-t';
import { EventsBoardView } from '../panels/events-board/EventsBoardPanel';
import { useLabel } from '../shared/label';
import { useSlice } from '../state/context';
import { hhmm } from '../state/duty/format';
import { wallReplaySlice } from '../state/replay/wall-replay-slice';

/** Panels whose own component shows the replayed moment (they read the wall's replay themselves). */
export const SELF_REPLAYING: ReadonlySet<string> = new Set(['map']);

function List({ count, children, testId }: { count: number; children: ReactNode; testId: string }) {
  const t = useT();
  return count === 0 ? (
    <p className="replay-cell-none" data-testid={testId} data-count={0}>
      {t('wallReplay.none')}
    </p>
  ) : (
    <ul className="replay-cell-list" data-testid={testId} data-count={count}>
      {children}
    </ul>
  );
}

function Reports({ state }: { state: ReplayState }) {
  const label = useLabel();
  return (
    <List count={state.reports.length} testId="replay-cell-reports">
      {state.reports.map((r) => (
        <li key={r.id}>
          {hhmm(r.receivedAt)} {r.street} {r.summary} · {label(REPORT_STATUS_LABELS[r.status])}
        </li>
      ))}
    </List>
  );
}

function Responses({ state }: { state: ReplayState }) {
  const t = useT();
  const label = useLabel();
  return (
    <List count={state.responses.length} testId="replay-cell-responses">
      {state.responses.map((r) => (
        <li key={r.id}>
          {r.planTitle} · {label(RESPONSE_LEVEL_LABELS[r.level])} · {t('replay.actionsOpen', { open: r.actions.open, overdue: r.actions.overdue })}
        </li>
      ))}
    </List>
  );
}

function Tasks({ state }: { state: ReplayState }) {
  const t = useT();
  const label = useLabel();
  // Late first (as the live panel orders them), then the newest.
  const tasks = [...state.tasks].sort((a, b) => Number(b.overdue || b.unacknowledged) - Number(a.overdue || a.unacknowledged));
  return (
    <List count={tasks.length} testId="replay-cell-tasks">
      {tasks.map((x) => (
        <li key={x.id} className={x.overdue || x.unacknowledged ? 'late' : undefined} data-state={x.state}>
          {x.title} → {x.addressee.name} · {label(TASK_STATE_LABELS[x.state])}
          {x.overdue ? ` · ${t('replay.overdue')}` : x.unacknowledged ? ` · ${t('replay.unacknowledged')}` : ''}
        </li>
      ))}
    </List>
  );
}

function TeamCounts({ state }: { state: ReplayState }) {
  const label = useLabel();
  return (
    <div className="replay-cell-counts" data-testid="replay-cell-team-counts">
      {TEAM_STATUSES.map((s) => (
        <span key={s} data-status={s}>
          {label(TEAM_STATUS_LABELS[s])} <b>{state.teams.filter((x) => x.status === s).length}</b>
        </span>
      ))}
    </div>
  );
}

function Teams({ state }: { state: ReplayState }) {
  const label = useLabel();
  return (
    <>
      <TeamCounts state={state} />
      <List count={state.teams.length} testId="replay-cell-teams">
        {state.teams.map((x) => (
          <li key={x.id} data-status={x.status}>
            {x.name} · {label(TEAM_STATUS_LABELS[x.status])}
          </li>
        ))}
      </List>
    </>
  );
}

function Resources({ state }: { state: ReplayState }) {
  return (
    <>
      <TeamCounts state={state} />
      <List count={state.stock.length} testId="replay-cell-stock">
        {state.stock.map((s) => (
          <li key={`${s.place}:${s.item}:${s.unit}`}>
            {s.place} · {s.item} {s.quantity}
            {s.unit}
          </li>
        ))}
      </List>
    </>
  );
}

function Warnings({ state }: { state: ReplayState }) {
  const label = useLabel();
  return (
    <List count={state.warnings.length} testId="replay-cell-warnings">
      {state.warnings.map((w) => (
        <li key={w.id}>
          {w.headline} · {label(SIGNAL_LEVEL_LABELS[w.level])}
        </li>
      ))}
    </List>
  );
}

/** The significant-events board as it stood at the moment: the events up to it, newest first. */
function EventsBoard() {
  const t = useT();
  const events = useSlice(wallReplaySlice, (s) => s.events);
  if (!events) return <p className="replay-cell-none">{t('app.loading')}</p>;
  return <EventsBoardView events={events.events} total={events.total} />;
}

/** The replayed view of each panel that has one, by panel id. */
export const REPLAY_VIEWS: Readonly<Record<string, ComponentType<{ state: ReplayState }>>> = {
  'duty-log': Reports,
  'plan-responses': Responses,
  tasks: Tasks,
  teams: Teams,
  resources: Resources,
  warnings: Warnings,
  'events-board': EventsBoard,
};

/** Whether a panel shows the replayed moment (its own view here, or itself). */
export const replays = (panelId: string): boolean => panelId in REPLAY_VIEWS || SELF_REPLAYING.has(panelId);
