// One camera on the wall: muted live video with its name and state (playing, stalled,
// reconnecting). A stalled source is retried by itself, less often the longer it stays dead.
import { memo, useEffect, useRef, useState } from 'react';
import type { CameraSource } from '@contract/cameras';
import { useT } from '../../i18n/use-t';
import { camerasSlice } from '../../state/cameras/cameras-slice';
import { useCommands } from '../../state/context';
import { focusMap } from '../map/fly-to';
import { markCamera, startPlayer, UnsupportedError, type Player, type SourceMemory } from './players';
import { initial, step, type TileState } from './tile-state';

/** Longest a tile waits for the page to go idle before it starts its video. */
const START_WAIT_MS = 3000;

function CameraTileView({ source }: { source: CameraSource }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<TileState>('connecting');
  // An RTSP camera's handshake goes through the hub (its media engine), by the slice's commands.
  const relay = useCommands(camerasSlice);
  const { id, kind, url } = source;

  useEffect(() => {
    const v = video.current!;
    const memory: SourceMemory = { lastSequence: -1, changedAt: Date.now() };
    let lastTime = -1;
    let lastProgressAt = 0;
    let machine = initial(Date.now());
    let player: Player | null = null;
    let judgedLive = false;
    /** A presented frame (RTSP): progress; the first one after a (re)connect is judged at once. */
    const onFrame = (): void => {
      lastProgressAt = Date.now();
      if (!judgedLive) {
        judgedLive = true;
        judge();
      }
    };
    const connect = (): void => {
      lastTime = -1;
      judgedLive = false;
      // Each (re)start of the player, for the browser's performance panel (and the RTSP e2e test).
      markCamera(id, 'start');
      try {
        player = startPlayer({ id, kind, url }, v, memory, relay, onFrame);
      } catch (err) {
        if (err instanceof UnsupportedError) setState('unsupported');
        player = null;
      }
    };
    const onTime = (): void => {
      if (v.currentTime > lastTime + 0.01) {
        lastTime = v.currentTime;
        lastProgressAt = Date.now();
      }
    };
    v.addEventListener('timeupdate', onTime);
    // Video starts once the wall has drawn its data panels (or after START_WAIT_MS at most):
    // a picture takes seconds to arrive anyway, and four players starting at once would hold
    // back the map and the charts while the wall comes up.
    const idle = requestIdleCallback(
      () => {
        machine = initial(Date.now());
        connect();
      },
      { timeout: START_WAIT_MS },
    );
    function judge(): void {
      if (!player) return;
      const now = Date.now();
      const r = step(machine, { now, lastProgressAt, fresh: player.fresh(now) });
      machine = r.next;
      if (r.reconnect) {
        player.destroy();
        connect();
      }
      setState(machine.state);
    }
    const timer = setInterval(judge, 1000);
    return () => {
      cancelIdleCallback(idle);
      clearInterval(timer);
      v.removeEventListener('timeupdate', onTime);
      player?.destroy();
    };
  }, [id, kind, url, relay]);

  return (
    <div className="camera-tile" data-testid="camera-tile" data-camera={source.id} data-state={state}>
      <video ref={video} muted autoPlay playsInline disablePictureInPicture />
      <div className="camera-caption">
        {source.position ? (
          // The name of a placed camera centres it on the wall's map.
          <button
            type="button"
            className="camera-name"
            title={t('cameras.showOnMap')}
            onClick={() => focusMap({ ...source.position!, zoom: 17, key: `camera:${source.id}` })}
          >
            {source.name}
          </button>
        ) : (
          <span className="camera-name">{source.name}</span>
        )}
        <span className={`camera-state camera-state-${state}`} data-testid="camera-state">
          {t(`cameras.state.${state}`)}
        </span>
      </div>
    </div>
  );
}

/** Re-renders only when its source changes, not when the grid around it does. */
export const CameraTile = memo(CameraTileView);
