// The page's consultation endpoint, for the wall panel. One per browser profile: a Web Lock makes
// sure two wall windows showing the panel do not both join (the second waits and takes over when
// the first closes).
import { useEffect, useState } from 'react';
import type { ApiClient } from '@contract/api';
import { pageClient } from '../client';
import { rpcUrl } from '../client/ws-client';
import { useApp } from '../state/context';
import { ConsultEndpoint } from './endpoint';
import { captureFrom, resolveConfig, type ConfigProblem } from './endpoint-config';

const LOCK = 'command-wall-consult-endpoint';

export type EndpointHandle = { endpoint: ConsultEndpoint } | { problem: ConfigProblem | 'elsewhere' | 'loading' };

/** This centre's own services (for power.conserve): the page's client. */
function local(): ApiClient | null {
  try {
    return pageClient();
  } catch {
    return null;
  }
}

export function useEndpoint(): EndpointHandle {
  const centre = useApp((s) => s.centre);
  const [handle, setHandle] = useState<EndpointHandle>({ problem: 'loading' });
  // Rebuild only when what the endpoint depends on changes, not on every centre edit.
  const key = centre ? JSON.stringify([centre.level, centre.name, centre.links]) : null;

  useEffect(() => {
    if (!centre) return;
    const cfg = resolveConfig(centre, window.commandWall ? null : rpcUrl(window.location));
    if (typeof cfg === 'string') {
      setHandle({ problem: cfg });
      return;
    }
    // Filled in callbacks: an object, so the cleanup sees what they set.
    const held: { endpoint: ConsultEndpoint | null; release: (() => void) | null; cancelled: boolean } = { endpoint: null, release: null, cancelled: false };
    const begin = (): void => {
      const endpoint = new ConsultEndpoint({ me: cfg.me, links: cfg.links, capture: captureFrom(window.location.search), local: local() });
      held.endpoint = endpoint;
      endpoint.start();
      setHandle({ endpoint });
    };
    if (navigator.locks) {
      setHandle({ problem: 'elsewhere' });
      void navigator.locks.request(LOCK, () => {
        if (held.cancelled) return;
        begin();
        return new Promise<void>((resolve) => (held.release = resolve));
      });
    } else begin();
    return () => {
      held.cancelled = true;
      void held.endpoint?.dispose();
      held.release?.();
    };
  }, [key]); // `centre` is read through `key`

  return handle;
}
