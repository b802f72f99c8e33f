// Plan responses by what they are (plan and level), never by id: the live ones from the plans
// slice, a closed one read once (plans.getResponse) so a report's row and history still name it.
import { useEffect, useState } from 'react';
import { RESPONSE_LEVEL_LABELS, type Response } from '@contract/plans';
import { useLabel } from '../../../shared/label';
import { useCommands, useSlice } from '../../../state/context';
import { plansSlice, type PlansRead } from '../../../state/plans/plans-slice';

export interface ResponseName {
  id: string;
  /** "三防应急预案 Ⅲ级（较大）" in the page's language. */
  name: string;
  active: boolean;
}

type Named = Pick<Response, 'id' | 'planTitle' | 'level' | 'status'>;

/** The names of `ids`, in order; one not yet read is left out until it is. */
export function useResponseNames(ids: readonly string[]): ResponseName[] {
  const label = useLabel();
  const live = useSlice(plansSlice, (p) => p.responses);
  const read = useCommands(plansSlice).read as PlansRead;
  const [fetched, setFetched] = useState<Record<string, Named>>({});
  const missing = ids.filter((id) => !live.some((r) => r.id === id) && !fetched[id]).join(',');
  useEffect(() => {
    if (!missing) return;
    let on = true;
    for (const id of missing.split(',')) void read('plans.getResponse', { id }).then((r) => on && r && setFetched((f) => ({ ...f, [id]: r })));
    return () => {
      on = false;
    };
  }, [missing, read]);
  return ids.flatMap((id) => {
    const r: Named | undefined = live.find((x) => x.id === id) ?? fetched[id];
    return r ? [{ id, name: `${r.planTitle} ${label(RESPONSE_LEVEL_LABELS[r.level])}`, active: r.status === 'active' }] : [];
  });
}
