// A participant's endpoint as its last report shows it, with the console's controls for it:
// mute, camera, layout and focus, devices, low-bandwidth mode, leave (rejoining is done on the endpoint).
import type { ControlCommand, EndpointStatus } from '@contract/consult';
import { useT } from '../i18n/use-t';
import type { DualHub } from './dual-hub';
import { LinkChip } from './LinkChip';

let seq = 0;
const msgId = (): string => `console.${Date.now().toString(36)}.${(++seq).toString(36)}.${Math.random().toString(36).slice(2, 8)}`;

export function EndpointControls({ hub, status, name, onError }: { hub: DualHub; status: EndpointStatus; name: string; onError(msg: string | null): void }) {
  const t = useT();
  const send = (command: ControlCommand): void => {
    hub
      .callAll('consult.control', { consultationId: status.consultationId, to: status.participantId, msgId: msgId(), command })
      .then((r) => onError(r.delivered === 0 && !r.duplicate ? t('consult.notDelivered', { name }) : null))
      .catch((err: Error) => onError(err.message));
  };
  const id = status.participantId;
  return (
    <tr data-testid={`consult-status-${id}`}>
      <td>
        <b>{name}</b>
        <div>
          {t('consult.signalling', { link: 'A' })} {t(`consult.socket.${status.signalling.A}`)} · {t('consult.signalling', { link: 'B' })}{' '}
          {t(`consult.socket.${status.signalling.B}`)}
        </div>
      </td>
      <td>
        {status.remotes.map((r) => (
          <div key={r.id} className="consult-row">
            {r.id}: <LinkChip link="A" stats={r.A} shown={r.shown === 'A'} testId={`consult-status-${id}-${r.id}-A`} />
            <LinkChip link="B" stats={r.B} shown={r.shown === 'B'} testId={`consult-status-${id}-${r.id}-B`} />
          </div>
        ))}
      </td>
      <td>
        <div className="consult-row">
          <button type="button" data-testid={`consult-mute-${id}`} onClick={() => send({ cmd: 'mute', on: !status.muted })}>
            {status.muted ? t('consult.unmute') : t('consult.mute')}
          </button>
          <button type="button" data-testid={`consult-camera-${id}`} onClick={() => send({ cmd: 'camera', on: !status.cameraOff })}>
            {status.cameraOff ? t('consult.cameraOn') : t('consult.cameraOffAction')}
          </button>
          <select
            data-testid={`consult-layout-${id}`}
            value={status.layout === 'grid' ? 'grid' : `focus:${status.focus ?? ''}`}
            onChange={(e) => {
              const [layout, focus] = e.target.value.split(':');
              send({ cmd: 'layout', layout: layout === 'grid' ? 'grid' : 'focus', focus: focus ? focus : null });
            }}
          >
            <option value="grid">{t('consult.layout.grid')}</option>
            <option value="focus:">{t('consult.layout.speaker')}</option>
            {status.remotes.map((r) => (
              <option key={r.id} value={`focus:${r.id}`}>
                {t('consult.layout.focusOn', { name: r.id })}
              </option>
            ))}
          </select>
          <label>
            <input type="checkbox" data-testid={`consult-lowbw-${id}`} checked={status.lowBandwidth} onChange={(e) => send({ cmd: 'lowBandwidth', on: e.target.checked })} />
            {t('consult.lowBandwidth')}
          </label>
        </div>
        <div className="consult-row">
          <select data-testid={`consult-cam-${id}`} value={status.cameraId ?? ''} onChange={(e) => send({ cmd: 'devices', cameraId: e.target.value || null, micId: null })}>
            {status.cameras.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
          <select data-testid={`consult-mic-${id}`} value={status.micId ?? ''} onChange={(e) => send({ cmd: 'devices', cameraId: null, micId: e.target.value || null })}>
            {status.mics.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
          <button type="button" data-testid={`consult-leave-${id}`} onClick={() => send({ cmd: 'leave' })}>
            {t('consult.leave')}
          </button>
        </div>
      </td>
    </tr>
  );
}
