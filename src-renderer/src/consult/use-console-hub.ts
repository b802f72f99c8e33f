// The console's view of consultations: its own two sockets to the district hub (one per link),
// the live consultation, who is present, and each endpoint's reported status.
import { useEffect, useMemo, useState } from 'react';
import type { Consultation, EndpointStatus, Presence } from '@contract/consult';
import { rpcUrl } from '../client/ws-client';
import { useApp } from '../state/context';
import { DualHub, type SocketState } from './dual-hub';
import { resolveConfig, type ResolvedConfig } from './endpoint-config';
import type { LinkId } from './link-health';

export interface ConsoleHubState {
  hub: DualHub | null;
  config: ResolvedConfig | string | null;
  live: Consultation | null;
  recent: Consultation[];
  presence: Presence | null;
  status: Record<string, EndpointStatus>;
  sockets: Record<LinkId, SocketState>;
}

const EMPTY: Omit<ConsoleHubState, 'hub' | 'config'> = { live: null, recent: [], presence: null, status: {}, sockets: { A: 'off', B: 'off' } };

export function useConsoleHub(): ConsoleHubState {
  const centre = useApp((s) => s.centre);
  const key = centre ? JSON.stringify([centre.level, centre.name, centre.links]) : null;
  const config = useMemo(() => (centre ? resolveConfig(centre, window.commandWall ? null : rpcUrl(window.location)) : null), [key]); // `centre` is read through `key`
  const [state, setState] = useState<Omit<ConsoleHubState, 'hub' | 'config'>>(EMPTY);
  const [hub, setHub] = useState<DualHub | null>(null);

  useEffect(() => {
    if (!config || typeof config === 'string') return;
    const urls: Partial<Record<LinkId, string>> = {};
    for (const l of config.links) if (l.url) urls[l.id] = l.url;
    const patch = (p: Partial<typeof EMPTY>): void => setState((s) => ({ ...s, ...p }));
    const refetch = (h: DualHub): void => {
      h.call('consult.list', { limit: 10 })
        .then((r) => {
          const status: Record<string, EndpointStatus> = {};
          for (const s of r.status) status[s.participantId] = s;
          patch({ live: r.live, recent: r.recent, presence: r.presence, status });
        })
        .catch(() => undefined);
    };
    const h: DualHub = new DualHub(
      { urls },
      {
        opened: () => refetch(h),
        changed: (c) => {
          setState((s) => ({ ...s, live: c.endedAt === null ? c : s.live?.id === c.id ? null : s.live, recent: [c, ...s.recent.filter((x) => x.id !== c.id)].slice(0, 10) }));
        },
        presence: (p) => patch({ presence: p }),
        status: (st) => setState((s) => ({ ...s, status: { ...s.status, [st.participantId]: st } })),
        socket: (link, st) => setState((s) => ({ ...s, sockets: { ...s.sockets, [link]: st } })),
      },
    );
    setHub(h);
    return () => {
      h.dispose();
      setHub(null);
      setState(EMPTY);
    };
  }, [config]);

  return { hub, config, ...state };
}
