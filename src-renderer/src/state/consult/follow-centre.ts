// Both consultation slices connect from this centre's configuration: who we are and each link's
// hub. They follow the centre slice and connect again only when what they depend on changes
// (its level, name or links), not on every edit of the centre.
import type { CentreInfo } from '@contract/schemas';
import { pageHubSocket } from '../../client';
import { resolveConfig, type ConfigProblem, type ResolvedConfig } from '../../consult/endpoint-config';
import type { LinkId } from '../../consult/link-health';
import { centreSlice } from '../centre/centre-slice';
import type { SliceTools } from '../slice';

/** What a consultation connection depends on, as a key; null before the centre is known. */
export function configKey(centre: CentreInfo | null): string | null {
  return centre ? JSON.stringify([centre.level, centre.name, centre.links]) : null;
}

/** This page's configuration; a district centre without a hub URL reaches the hub that serves this page. */
export function configOf(centre: CentreInfo): ResolvedConfig | ConfigProblem {
  return resolveConfig(centre, pageHubSocket());
}

/** Each configured link's hub URL. */
export function hubUrls(config: ResolvedConfig): Partial<Record<LinkId, string>> {
  const urls: Partial<Record<LinkId, string>> = {};
  for (const l of config.links) if (l.url) urls[l.id] = l.url;
  return urls;
}

/**
 * Runs `connect` with the centre now, and again (after stopping the previous run) whenever the
 * centre's key changes; holds the centre slice meanwhile. Returns the stop of it all.
 */
export function followCentre<S>(t: SliceTools<S>, connect: (centre: CentreInfo | null) => (() => void) | void): () => void {
  const centre = t.slice(centreSlice);
  const release = centre.hold();
  let key: string | null = null;
  let stop: (() => void) | void = undefined;
  const follow = (info: CentreInfo | null): void => {
    const next = configKey(info);
    if (next === key) return;
    key = next;
    stop?.();
    stop = connect(info);
  };
  follow(centre.store.getState().centre);
  const unsubscribe = centre.store.subscribe((s) => follow(s.centre));
  return () => {
    unsubscribe();
    stop?.();
    stop = undefined;
    release();
  };
}
