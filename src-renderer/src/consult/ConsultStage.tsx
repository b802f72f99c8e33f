// The consultation as the wall shows it: topic and both signalling links on top, a tile per
// remote site (grid, or one large in speaker focus), this site's own picture small. An sfu
// consultation (up to 18 other sites) is laid out by stagePlan: one site large (pinned, the
// district at a street, or the one speaking), the rest in a grid beside it.
import { useEffect, useRef } from 'react';
import { useT } from '../i18n/use-t';
import { useCommands } from '../state/context';
import { endpointSlice } from '../state/consult/endpoint-slice';
import type { EndpointView, RemoteView } from './endpoint-view';
import { stagePlan } from './sfu-layout';
import { SocketChip } from './LinkChip';
import { RemoteTile } from './RemoteTile';
import './consult.css';

function LocalPreview({ stream }: { stream: MediaStream | null }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return <video className="consult-local" ref={ref} muted autoPlay playsInline data-testid="consult-local" />;
}

function SfuTiles({ v, me }: { v: EndpointView; me: string }) {
  const byId = new Map(v.remotes.map((r) => [r.id, r]));
  const plan = stagePlan({ me, layout: v.layout, focus: v.focus, activeSpeaker: v.activeSpeaker, ids: v.remotes.map((r) => r.id) });
  const tile = (r: RemoteView, large: boolean) => (
    <RemoteTile key={r.id} remote={r} speaking={r.id === v.activeSpeaker} large={large} compact={!large && v.remotes.length > 6} />
  );
  const large = plan.large ? byId.get(plan.large) : undefined;
  return (
    <div className={`consult-tiles sfu${large ? ' has-large' : ''}`} data-count={v.remotes.length} data-large={plan.large ?? ''}>
      {large && tile(large, true)}
      <div className="consult-small" style={{ ['--cols' as string]: plan.columns }}>
        {plan.small.map((id) => tile(byId.get(id)!, false))}
      </div>
    </div>
  );
}

export function ConsultStage({ view: v, me }: { view: EndpointView; me?: string }) {
  const t = useT();
  const { share, rejoin } = useCommands(endpointSlice);
  const c = v.consultation;
  const live = c && c.endedAt === null && (v.phase === 'in-call' || v.phase === 'joining');
  const focusId = v.layout === 'focus' ? (v.focus ?? v.activeSpeaker ?? v.remotes[0]?.id ?? null) : null;
  const ordered = focusId ? [...v.remotes].sort((a, b) => Number(b.id === focusId) - Number(a.id === focusId)) : v.remotes;
  return (
    <div
      className={`consult-stage layout-${v.layout}`}
      data-testid="consult-stage"
      data-phase={v.phase}
      data-consultation={c?.id ?? ''}
      data-low-bandwidth={v.lowBandwidth ? '1' : '0'}
      data-muted={v.muted ? '1' : '0'}
      data-layout={v.layout}
      data-mode={c?.mode ?? ''}
      data-room={v.room ? (v.room.ready ? 'ready' : 'down') : ''}
    >
      <div className="consult-bar">
        <span className="consult-topic">{live ? c.topic : t(`consult.phase.${v.phase}`)}</span>
        <SocketChip link="A" state={v.signalling.A} />
        <SocketChip link="B" state={v.signalling.B} />
        {v.lowBandwidth && <span className="consult-chip">{t(v.conserve ? 'consult.lowBandwidthPower' : 'consult.lowBandwidth')}</span>}
        {c?.mode === 'single' && live && <span className="consult-chip">{t('consult.mode.single')}</span>}
        {c?.mode === 'sfu' && live && (
          <span className="consult-chip" data-testid="consult-sfu-chip">
            {t('consult.sfu.sites', { n: v.remotes.length + 1 })}
            {v.room && !v.room.ready && ` · ${t('consult.sfu.engineRestarting')}`}
          </span>
        )}
        {v.muted && <span className="consult-chip">{t('consult.muted')}</span>}
        {v.cameraOff && <span className="consult-chip">{t('consult.cameraOff')}</span>}
        {live && (
          <button type="button" className="consult-share" data-testid="consult-share" onClick={() => void share(!v.sharing)}>
            {v.sharing ? t('consult.stopShare') : t('consult.share')}
          </button>
        )}
      </div>
      {v.phase === 'left' && c && c.endedAt === null && (
        <button type="button" data-testid="consult-rejoin" onClick={() => void rejoin()}>
          {t('consult.rejoin')}
        </button>
      )}
      {v.error && <div className="consult-error">{v.error}</div>}
      {live && c.mode === 'sfu' && v.remotes.length === 0 && <div className="consult-empty">{t('consult.waitingForOthers')}</div>}
      {live && c.mode === 'sfu' && v.remotes.length > 0 && <SfuTiles v={v} me={me ?? ''} />}
      {live && c.mode !== 'sfu' && (
        <div className="consult-tiles" data-count={ordered.length}>
          {ordered.length === 0 && <div className="consult-empty">{t('consult.waitingForOthers')}</div>}
          {ordered.map((r) => (
            <RemoteTile key={r.id} remote={r} speaking={r.id === v.activeSpeaker} large={r.id === focusId} />
          ))}
        </div>
      )}
      {live && <LocalPreview stream={v.localStream} />}
    </div>
  );
}
