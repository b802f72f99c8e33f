// The console's tabs: 大屏 (the wall: displays, presets, this centre), 值守 (duty), 预案 (plans).
// The wall tab's sections stay mounted but hidden (console.css keys on data-tab), so a display
// or preset chosen there survives a look at the duty log. The tab list is one stop for the
// keyboard (WAI-ARIA tabs): Tab reaches the open tab, ← → Home End move between tabs, Enter or
// Space opens one.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Right } from '@contract/rights';
import { useT } from '../../i18n/use-t';
import { useSlice } from '../../state/context';
import { dutySlice } from '../../state/duty/duty-slice';
import { useMayCall } from '../../state/identity/use-rights';
import { DemoTag } from '../../panels/duty-now/DemoTag';
import { CONSOLE_OPEN_EVENT, CONSOLE_TABS, parseConsoleTab, withConsoleTab, type ConsoleOpen, type ConsoleTab } from './console-tab';
import './duty-console.css';

export function useConsoleTab(): [ConsoleTab, (tab: ConsoleTab) => void] {
  const [tab, setTab] = useState<ConsoleTab>(() => parseConsoleTab(window.location.search));
  const choose = (next: ConsoleTab): void => {
    setTab(next);
    window.history.replaceState(null, '', window.location.pathname + withConsoleTab(window.location.search, next) + window.location.hash);
  };
  // Another part of the console opens a tab (openInConsole: an escalation opens its new response).
  useEffect(() => {
    const open = (e: Event): void => {
      const next = (e as CustomEvent<ConsoleOpen>).detail.tab;
      setTab(next);
      window.history.replaceState(null, '', window.location.pathname + withConsoleTab(window.location.search, next) + window.location.hash);
    };
    window.addEventListener(CONSOLE_OPEN_EVENT, open);
    return () => window.removeEventListener(CONSOLE_OPEN_EVENT, open);
  }, []);
  return [tab, choose];
}

/** The right a tab needs to be offered (the hub refuses the calls anyway; hiding is a courtesy). */
const TAB_RIGHT: Record<ConsoleTab, Right> = {
  wall: 'read',
  duty: 'read',
  plans: 'read',
  tasks: 'read',
  teams: 'read',
  materials: 'read',
  replay: 'read',
  admin: 'audit.read',
};

export function ConsoleTabs({ tab, onChange }: { tab: ConsoleTab; onChange(tab: ConsoleTab): void }) {
  const t = useT();
  const demo = useSlice(dutySlice, (d) => d.dataStatus?.demo ?? false);
  const offered = useMayCall(...CONSOLE_TABS.map((id) => TAB_RIGHT[id]));
  const list = useRef<HTMLElement>(null);
  const shown = CONSOLE_TABS.filter((_, i) => offered[i]);
  const move = (e: KeyboardEvent<HTMLElement>): void => {
    const tabs = [...(list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]') ?? [])];
    const at = tabs.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    tabs[(to + tabs.length) % tabs.length]?.focus();
  };
  return (
    <nav ref={list} className="console-tabs" role="tablist" data-testid="console-tabs" onKeyDown={move}>
      {shown.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          aria-selected={tab === id}
          tabIndex={tab === id || !shown.includes(tab) ? 0 : -1}
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
