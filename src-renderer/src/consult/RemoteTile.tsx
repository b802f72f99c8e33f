// One remote participant's tile: its two stacked videos (owned by the endpoint, mounted here so
// React never re-creates them mid-call), its name and each link's health.
import { useEffect, useRef } from 'react';
import { useCommands } from '../state/context';
import { endpointSlice } from '../state/consult/endpoint-slice';
import type { RemoteView } from './endpoint-view';
import { LinkChip } from './LinkChip';

export function RemoteTile({ remote, speaking, large }: { remote: RemoteView; speaking: boolean; large: boolean }) {
  const slot = useRef<HTMLDivElement>(null);
  const { remoteElement } = useCommands(endpointSlice);
  useEffect(() => {
    let mounted = true;
    void remoteElement(remote.id).then((el) => {
      const host = slot.current;
      if (mounted && el && host && el.parentElement !== host) host.appendChild(el);
    });
    return () => {
      mounted = false;
    };
  }, [remoteElement, remote.id]);
  return (
    <div
      className={`consult-tile${speaking ? ' speaking' : ''}${large ? ' large' : ''}`}
      data-testid="consult-remote"
      data-remote={remote.id}
      data-shown={remote.shown ?? ''}
      data-first-frame-ms={remote.firstFrameMs ?? ''}
    >
      <div className="consult-video-slot" ref={slot} />
      <div className="consult-tile-caption">
        <span className="consult-tile-name">{remote.name}</span>
        <span className="consult-tile-links">
          <LinkChip link="A" stats={remote.A} shown={remote.shown === 'A'} path={remote.paths.A} testId={`consult-link-${remote.id}-A`} />
          <LinkChip link="B" stats={remote.B} shown={remote.shown === 'B'} path={remote.paths.B} testId={`consult-link-${remote.id}-B`} />
        </span>
      </div>
    </div>
  );
}
