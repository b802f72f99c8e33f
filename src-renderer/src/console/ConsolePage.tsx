// The operator console: pick a display, switch its preset, edit presets, set the language
// and this centre. Holds only which display and preset are selected; all else is the slices' (state/).
// Its 值守 and 预案 tabs (console/duty, console/plans) hold the duty room's own forms.
import { useState } from 'react';
import { ConsultConsole } from '../consult/ConsultConsole';
import { SituationConsole } from './situation/SituationConsole';
import { PowerConsole } from './power/PowerConsole';
import { useT } from '../i18n/use-t';
import { TransportBadge } from '../shared/TransportBadge';
import { appSlice } from '../state/app/app-slice';
import { centreSlice } from '../state/centre/centre-slice';
import { useCommands, useSlice } from '../state/context';
import { wallSlice } from '../state/wall/wall-slice';
import { activePresetFor } from '../wall/wall-layout';
import { CentreEditor } from './CentreEditor';
import { ConsoleTabs, useConsoleTab } from './duty/ConsoleTabs';
import { DutyConsole } from './duty/DutyConsole';
import { AdminConsole } from './identity/AdminConsole';
import { SignInBox } from './identity/SignInBox';
import { PlansConsole } from './plans/PlansConsole';
import { TasksConsole } from './tasks/TasksConsole';
import { MaterialsConsole } from './materials/MaterialsConsole';
import { ReplayConsole } from './replay/ReplayConsole';
import { TeamsConsole } from './teams/TeamsConsole';
import { DisplayPicker } from './DisplayPicker';
import { LanguageToggle } from './LanguageToggle';
import { PresetEditor } from './PresetEditor';
import { PresetPicker } from './PresetPicker';
import { draftFromPreset, newDraft } from './preset-draft';

export function ConsolePage() {
  const t = useT();
  const wall = useSlice(wallSlice, (s) => s.wall);
  const centre = useSlice(centreSlice, (s) => s.centre);
  const loaded = useSlice(appSlice, (s) => s.loaded) && wall !== null && centre !== null;
  const { activatePreset } = useCommands(wallSlice);
  const [display, setDisplay] = useState(0);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [justSaved, setJustSaved] = useState<string | null>(null);
  const [tab, setTab] = useConsoleTab();

  const presets = wall?.presets ?? [];
  const activeId = wall?.active[String(display)];
  // The chosen preset if it still exists, else what the display shows.
  const selected = presets.find((p) => p.id === chosenId) ?? activePresetFor(wall, display);
  const takenIds = presets.map((p) => p.id);
  const select = (id: string | null): void => {
    setChosenId(id);
    setCreating(false);
    setJustSaved(null);
  };

  return (
    <div className="console" data-testid="console" data-tab={tab}>
      <header className="console-header">
        <h1>{t('console.title')}</h1>
        <span className="console-centre">{centre?.name}</span>
        <SignInBox />
        <TransportBadge testId="transport-status" />
        <LanguageToggle />
      </header>
      <ConsoleTabs tab={tab} onChange={setTab} />
      {!loaded && <p className="console-loading">{t('app.loading')}</p>}
      {tab === 'wall' && (
        <>
          <section className="console-section">
            <DisplayPicker
              display={display}
              onChange={(n) => {
                setDisplay(n);
                select(null);
              }}
            />
            <PresetPicker
              presets={presets}
              selectedId={selected?.id}
              activeId={activeId}
              onSelect={select}
              onActivate={() => selected && void activatePreset(display, selected.id)}
              onNew={() => {
                setCreating(true);
                setJustSaved(null);
              }}
            />
          </section>
          {wall && (creating || selected) && (
            <section className="console-section">
              <PresetEditor
                key={creating || !selected ? 'new' : selected.id}
                initial={creating || !selected ? newDraft(takenIds) : draftFromPreset(selected)}
                takenIds={takenIds}
                justSaved={!creating && !!selected && justSaved === selected.id}
                onSaved={(id) => {
                  select(id);
                  setJustSaved(id);
                }}
                onDeleted={() => select(null)}
              />
            </section>
          )}
          {centre && (
            <section className="console-section">
              <CentreEditor centre={centre} />
            </section>
          )}
          <ConsultConsole />
          <SituationConsole />
          <PowerConsole />
        </>
      )}
      {tab === 'duty' && <DutyConsole />}
      {tab === 'plans' && <PlansConsole />}
      {tab === 'tasks' && <TasksConsole />}
      {tab === 'teams' && <TeamsConsole />}
      {tab === 'materials' && <MaterialsConsole />}
      {tab === 'replay' && <ReplayConsole />}
      {tab === 'admin' && <AdminConsole />}
    </div>
  );
}
