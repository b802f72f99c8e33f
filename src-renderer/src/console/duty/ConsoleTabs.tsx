// The console's tabs (console-tab.ts: which, in what order). Each is offered only to a page
// whose rights allow its work (TAB_RIGHT). The tab list is one stop for the keyboard (WAI-ARIA
// tabs, manual activation): Tab reaches the open tab, ← → Home End move between tabs, Enter or
// Space opens one; each tab controls the one tab panel (ConsolePage), labelled by it.
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

/**
 * The right a tab needs to be offered (the hub refuses the calls anyway; hiding is a courtesy).
 * 视频会商 needs a part in consultations (a wall display has none); 大屏 is the set-up of what
 * the hall sees (wall.control: a street centre or a 值班员 does not change the wall; the alarm
 * that switched it is acknowledged on every tab, see ConsolePage).
 */
const TAB_RIGHT: Record<ConsoleTab, Right> = {
  duty: 'read',
  plans: 'read',
  warnings: 'read',
  tasks: 'read',
  teams: 'read',
  materials: 'read',
  power: 'read',
  consult: 'consult.join',
  situation: 'read',
  wall: 'wall.control',
  replay: 'read',
  admin: 'audit.read',
};

/** The tabs this page may be offered, in order. */
export function useOfferedTabs(): ConsoleTab[] {
  const offered = useMayCall(...CONSOLE_TABS.map((id) => TAB_RIGHT[id]));
  return CONSOLE_TABS.filter((_, i) => offered[i]);
}

/** The ids that tie a tab to the panel it controls (aria-controls / aria-labelledby). */
export const TAB_PANEL_ID = 'console-tabpanel';
export const tabId = (tab: ConsoleTab): string => `console-tab-${tab}`;

export function ConsoleTabs({ tab, onChange }: { tab: ConsoleTab; onChange(tab: ConsoleTab): void }) {
  const t = useT();
  const demo = useSlice(dutySlice, (d) => d.dataStatus?.demo ?? false);
  const shown = useOfferedTabs();
  const list = useRef<HTMLElement>(null);
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
    <nav ref={list} className="console-tabs" role="tablist" aria-label={t('console.tabsLabel')} data-testid="console-tabs" onKeyDown={move}>
      {shown.map((id) => (
        <button
          key={id}
          id={tabId(id)}
          type="button"
          role="tab"
          aria-selected={tab === id}
          aria-controls={tab === id ? TAB_PANEL_ID : undefined}
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
