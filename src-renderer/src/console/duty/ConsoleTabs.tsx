// The console's tabs: 大屏 (the wall: displays, presets, this centre), 值守 (duty), 预案 (plans).
// The wall tab's sections stay mounted but hidden (console.css keys on data-tab), so a display
// or preset chosen there survives a look at the duty log.
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { useSlice } from '../../state/context';
import { dutySlice } from '../../state/duty/duty-slice';
import { DemoTag } from '../../panels/duty-now/DemoTag';
import { CONSOLE_TABS, parseConsoleTab, withConsoleTab, type ConsoleTab } from './console-tab';
import './duty-console.css';

export function useConsoleTab(): [ConsoleTab, (tab: ConsoleTab) => void] {
  const [tab, setTab] = useState<ConsoleTab>(() => parseConsoleTab(window.location.search));
  const choose = (next: ConsoleTab): void => {
    setTab(next);
    window.history.replaceState(null, '', window.location.pathname + withConsoleTab(window.location.search, next) + window.location.hash);
  };
  return [tab, choose];
}

export function ConsoleTabs({ tab, onChange }: { tab: ConsoleTab; onChange(tab: ConsoleTab): void }) {
  const t = useT();
  const demo = useSlice(dutySlice, (d) => d.dataStatus?.demo ?? false);
  return (
    <nav className="console-tabs" role="tablist" data-testid="console-tabs">
      {CONSOLE_TABS.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          aria-selected={tab === id}
          className={tab === id ? 'console-tab active' : 'console-tab'}
          data-testid={`tab-${id}`}
          onClick={() => onChange(id)}
        >
          {t(`consoleTab.${id}`)}
        </button>
      ))}
      {demo && tab !== 'wall' && <DemoTag inline />}
    </nav>
  );
}
