// Which part of the console is open: the wall (大屏), duty (值守), plans (预案), tasks (指令调度), teams (救援队伍), materials (物资)
// or administration (系统管理: machines, the audit trail). Kept in the
// address (?tab=) so a reload, or a link from a colleague, opens the same part.
export type ConsoleTab = 'wall' | 'duty' | 'plans' | 'tasks' | 'teams' | 'materials' | 'admin';
export const CONSOLE_TABS: readonly ConsoleTab[] = ['wall', 'duty', 'plans', 'tasks', 'teams', 'materials', 'admin'];

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
