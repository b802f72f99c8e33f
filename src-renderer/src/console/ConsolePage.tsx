// The operator console: a header (who is signed in, the links, the language), the tab list
// (duty/console-tab.ts) and the one open tab's panel. Every part of operations has its own tab
// (值守, 预案, 预警, 指令调度, 救援队伍, 物资, 供电, 视频会商, 态势), none a long page to scroll; 大屏
// holds only what the wall shows (displays, presets, schedules, the room, this centre). Holds only
// which display and preset are selected; all else is the slices' (state/).
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
import { ConsoleTabs, TAB_PANEL_ID, tabId, useConsoleTab, useOfferedTabs } from './duty/ConsoleTabs';
import { WallAlarmNotice } from './DisplayPicker';
import { WarningsConsole } from './warnings/WarningsConsole';
import { useMayCall } from '../state/identity/use-rights';
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
  const [asked, setTab] = useConsoleTab();
  const offered = useOfferedTabs();
  // A tab this page may not use (a street machine sent to 大屏) opens the first it may.
  const tab = offered.length === 0 || offered.includes(asked) ? asked : offered[0];
  const [mayAcknowledge] = useMayCall('duty.write');

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
      {/* What switched the wall is the duty room's to acknowledge, whatever tab is open (大屏 shows it with the displays). */}
      <main className="console-main">
        {tab !== 'wall' && mayAcknowledge && <WallAlarmNotice />}
        <div
          className="console-tabpanel"
          role="tabpanel"
          id={TAB_PANEL_ID}
          aria-labelledby={offered.includes(tab) ? tabId(tab) : undefined}
          aria-label={offered.includes(tab) ? undefined : t(`consoleTab.${tab}`)}
        >
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
            </>
          )}
          {tab === 'duty' && <DutyConsole />}
          {tab === 'plans' && <PlansConsole />}
          {tab === 'warnings' && (
            <section className="console-section" data-testid="warnings-tab">
              <WarningsConsole />
            </section>
          )}
          {tab === 'tasks' && <TasksConsole />}
          {tab === 'teams' && <TeamsConsole />}
          {tab === 'materials' && <MaterialsConsole />}
          {tab === 'power' && <PowerConsole />}
          {tab === 'consult' && <ConsultConsole />}
          {tab === 'situation' && <SituationConsole />}
          {tab === 'replay' && <ReplayConsole />}
          {tab === 'admin' && <AdminConsole />}
        </div>
      </main>
    </div>
  );
}
