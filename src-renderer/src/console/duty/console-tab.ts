// Which part of the console is open: the wall (大屏), duty (值守), plans (预案), tasks (指令调度), teams (救援队伍), materials (物资)
// replay (复盘: an incident at any moment, the after-action report) or administration (系统管理: machines, the audit trail). Kept in the
// address (?tab=) so a reload, or a link from a colleague, opens the same part.
export type ConsoleTab = 'wall' | 'duty' | 'plans' | 'tasks' | 'teams' | 'materials' | 'replay' | 'admin';
export const CONSOLE_TABS: readonly ConsoleTab[] = ['wall', 'duty', 'plans', 'tasks', 'teams', 'materials', 'replay', 'admin'];

export function parseConsoleTab(search: string): ConsoleTab {
  const tab = new URLSearchParams(search).get('tab');
  return CONSOLE_TABS.includes(tab as ConsoleTab) ? (tab as ConsoleTab) : 'wall';
}

/** The same address with the tab set (the wall tab is the default and leaves no parameter). */
export function withConsoleTab(search: string, tab: ConsoleTab): string {
  const q = new URLSearchParams(search);
  if (tab === 'wall') q.delete('tab');
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
