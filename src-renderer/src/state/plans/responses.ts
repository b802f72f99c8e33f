// The live responses as the plans screens show them. Pure: folds a reply or a pushed response
// into the list, and is unit-tested.
import type { Response } from '@contract/plans';

/** Active responses only: a closed one leaves the list. Newest activation first. */
export function upsertResponse(list: readonly Response[], response: Response): Response[] {
  const rest = list.filter((r) => r.id !== response.id);
  if (response.status !== 'active') return rest;
  return [...rest, response].sort((a, b) => b.activatedAt - a.activatedAt);
}
