// One remote participant's tile: its two stacked videos (owned by the endpoint, mounted here so
// React never re-creates them mid-call), its name, its picture's state (playing / stalled /
// reconnecting, as a camera tile says it) and each link's health. A compact tile (one of many
// small ones in an sfu consultation) keeps the name and the state, and drops the link figures.
import { useEffect, useRef } from 'react';
import { useCommands } from '../state/context';
import { endpointSlice } from '../state/consult/endpoint-slice';
import { useT } from '../i18n/use-t';
import type { RemoteView, TileState } from './endpoint-view';
import { LinkChip } from './LinkChip';

/** A mesh tile's state, read from its links (the SFU endpoint gives its own). */
export function tileStateOf(r: RemoteView): TileState {
  if (r.state) return r.state;
  const links = [r.A, r.B];
  if (links.some((l) => l.state === 'up')) return 'playing';
  if (r.firstFrameMs === null) return 'connecting';
  if (links.some((l) => l.state === 'stalled')) return 'stalled';
  return 'reconnecting';
}

export function RemoteTile({ remote, speaking, large, compact = false }: { remote: RemoteView; speaking: boolean; large: boolean; compact?: boolean }) {
  const t = useT();
  const slot = useRef<HTMLDivElement>(null);
  const { remoteElement } = useCommands(endpointSlice);
  useEffect(() => {
    let mounted = true;
    void remoteElement(remote.id).then((el) => {
      const host = slot.current;
      if (!mounted || !el || !host || el.parentElement === host) return;
      host.appendChild(el);
      // A media element taken out of the page pauses: the tile moved (large ↔ small), play on.
      el.querySelectorAll('video, audio').forEach((m) => void (m as HTMLMediaElement).play().catch(() => undefined));
    });
    return () => {
      mounted = false;
    };
  }, [remoteElement, remote.id]);
  const state = tileStateOf(remote);
  return (
    <div
      className={`consult-tile${speaking ? ' speaking' : ''}${large ? ' large' : ''}${compact ? ' compact' : ''}`}
      data-testid="consult-remote"
      data-remote={remote.id}
      data-state={state}
      data-shown={remote.shown ?? ''}
      data-first-frame-ms={remote.firstFrameMs ?? ''}
    >
      <div className="consult-video-slot" ref={slot} />
      <div className="consult-tile-caption">
        <span className="consult-tile-name">{remote.name}</span>
        <span className={`consult-tile-state tile-${state}`} data-testid="consult-tile-state">
          {t(`consult.tile.${state}`)}
        </span>
        {!compact && (
          <span className="consult-tile-links">
            <LinkChip link="A" stats={remote.A} shown={remote.shown === 'A'} path={remote.paths.A} testId={`consult-link-${remote.id}-A`} />
            <LinkChip link="B" stats={remote.B} shown={remote.shown === 'B'} path={remote.paths.B} testId={`consult-link-${remote.id}-B`} />
          </span>
        )}
      </div>
    </div>
  );
}
