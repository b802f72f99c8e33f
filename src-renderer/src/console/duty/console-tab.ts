// Which part of the console is open, in the order a duty officer works: 值守 (duty: the log where
// every report comes in, the shift's home, so it is first and the default), 预案 (plans: the
// responses an escalation starts), 预警 (warnings in force, CAP import), 指令调度 (tasks), 救援队伍
// (teams), 物资 (materials), 供电 (power continuity: alarms to acknowledge), 视频会商 (consultation),
// 态势 (the one map with its sources, cameras, indicators), then the set-up of what the hall sees,
// 大屏 (displays, presets, schedules, the room, this centre), 复盘 (replay: an incident at any
// moment, the after-action report) and 系统管理 (administration: machines, the audit trail).
// Kept in the address (?tab=) so a reload, or a link from a colleague, opens the same part.
export type ConsoleTab = 'duty' | 'plans' | 'warnings' | 'tasks' | 'teams' | 'materials' | 'power' | 'consult' | 'situation' | 'wall' | 'replay' | 'admin';
export const CONSOLE_TABS: readonly ConsoleTab[] = [
  'duty',
  'plans',
  'warnings',
  'tasks',
  'teams',
  'materials',
  'power',
  'consult',
  'situation',
  'wall',
  'replay',
  'admin',
];
/** The tab an address without ?tab= opens. */
export const DEFAULT_CONSOLE_TAB: ConsoleTab = 'duty';

export function parseConsoleTab(search: string): ConsoleTab {
  const tab = new URLSearchParams(search).get('tab');
  return CONSOLE_TABS.includes(tab as ConsoleTab) ? (tab as ConsoleTab) : DEFAULT_CONSOLE_TAB;
}

/** The same address with the tab set (the default tab, 值守, leaves no parameter). */
export function withConsoleTab(search: string, tab: ConsoleTab): string {
  const q = new URLSearchParams(search);
  if (tab === DEFAULT_CONSOLE_TAB) q.delete('tab');
  else q.set('tab', tab);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Another part of the console asks to be opened: a tab, and in 预案 the response to show. */
export interface ConsoleOpen {
  tab: ConsoleTab;
  /** In the plans tab: the response whose detail opens, with focus on it (an escalation just started it). */
  responseId?: string;
}
export const CONSOLE_OPEN_EVENT = 'command-wall:console-open';

/** The response the 预案 tab opens with (?response=, set by openInConsole or a shared link). */
export function responseInAddress(search: string): string | null {
  return new URLSearchParams(search).get('response');
}

/**
 * Opens a part of the console from anywhere in it (e.g. an escalation opens the new response):
 * the address carries the response (so the 预案 tab, mounted next, opens it), and the tab holder
 * (useConsoleTab) hears the event and switches.
 */
export function openInConsole(target: ConsoleOpen): void {
  const q = new URLSearchParams(window.location.search);
  if (target.responseId) q.set('response', target.responseId);
  else q.delete('response');
  const s = q.toString();
  window.history.replaceState(null, '', window.location.pathname + (s ? `?${s}` : '') + window.location.hash);
  window.dispatchEvent(new CustomEvent<ConsoleOpen>(CONSOLE_OPEN_EVENT, { detail: target }));
}
