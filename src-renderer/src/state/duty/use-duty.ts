// React access to the duty slice: select from it, reach its commands, hold its live feed while
// a screen shows it, and read the server's clock for countdowns and overdue checks.
import { useCallback, useEffect } from 'react';
import type { Label } from '@contract/duty';
import { useLanguage } from '../../i18n/use-t';
import { useNow } from '../../shared/use-now';
import { useApp } from '../context';
import type { DutyActions, DutyState } from './index';

/** Select from the duty state. Return primitives or stored objects, not fresh ones. */
export function useDuty<T>(selector: (d: DutyState) => T): T {
  return useApp((s) => selector(s.duty));
}

export function useDutyActions(): DutyActions {
  return useApp((s) => s.dutyActions);
}

/** Keeps the duty state live (first read, then pushes) while the calling component is mounted. */
export function useDutyFeed(): void {
  const actions = useDutyActions();
  useEffect(() => actions.retain(), [actions]);
}

/** The server's clock, ticking every periodMs (the wall's and the server's clocks may differ). */
export function useServerNow(periodMs = 1000): number {
  const now = useNow(periodMs);
  const offset = useApp((s) => s.serverOffsetMs);
  return now + (offset ?? 0);
}

/** The contract's bilingual labels (roles, categories, statuses…) in the current language. */
export function useLabel(): (label: Label) => string {
  const lang = useLanguage();
  return useCallback((label: Label) => (lang === 'en' ? label.en : label.zh), [lang]);
}
