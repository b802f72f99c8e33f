// The console's teams section (in the 指令调度 tab, beside the tasks: a dispatch is a task): the
// counts by status, every team with its status and the moves it allows, and the dispatch form.
import { useState } from 'react';
import { TEAM_STATUS_LABELS, TEAM_STATUSES } from '@contract/teams';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useSlice } from '../../state/context';
import { teamsSlice } from '../../state/teams/teams-slice';
import { DispatchForm } from './DispatchForm';
import { TeamImport } from './TeamImport';
import { TeamTable } from './TeamTable';
import './teams-console.css';

export function TeamsConsole() {
  const t = useT();
  const label = useLabel();
  const teams = useSlice(teamsSlice, (s) => s.teams);
  const summary = useSlice(teamsSlice, (s) => s.summary);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  return (
    <>
      <section className="console-section teams-section" data-testid="teams-console">
        <h2>{t('teams.title')}</h2>
        {summary && (
          <p className="teams-summary" data-testid="teams-summary">
            {TEAM_STATUSES.map((s) => `${label(TEAM_STATUS_LABELS[s])} ${summary.byStatus[s]}`).join(' · ')} · {t('teams.people', { n: summary.people })}
          </p>
        )}
        <TeamTable teams={teams} selectedId={selectedId} onSelect={setSelectedId} />
        <TeamImport />
      </section>
      <DispatchForm key={selectedId ?? ''} teams={teams} teamId={selectedId ?? ''} onDispatched={setSelectedId} />
    </>
  );
}
