// A participant's endpoint as its last report shows it, with the console's controls for it:
// mute, camera, layout and focus, devices, low-bandwidth mode, leave (rejoining is done on the endpoint).
import type { ControlCommand, EndpointStatus } from '@contract/consult';
import { useT } from '../i18n/use-t';
import { useCommands } from '../state/context';
import { consultSlice } from '../state/consult/consult-slice';
import { noteAfter, type ConsoleNote } from './console-note';
import { LinkChip } from './LinkChip';

export function EndpointControls({ status, name, onNote }: { status: EndpointStatus; name: string; onNote(note: ConsoleNote): void }) {
  const t = useT();
  const { control } = useCommands(consultSlice);
  const send = (command: ControlCommand): void => {
    void control(status.consultationId, status.participantId, command).then((r) =>
      onNote(noteAfter(r, (x) => (x.delivered === 0 && !x.duplicate ? t('consult.notDelivered', { name }) : null))),
    );
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
            <input
              type="checkbox"
              data-testid={`consult-lowbw-${id}`}
              checked={status.lowBandwidth}
              onChange={(e) => send({ cmd: 'lowBandwidth', on: e.target.checked })}
            />
            {t('consult.lowBandwidth')}
          </label>
        </div>
        <div className="consult-row">
          <select
            data-testid={`consult-cam-${id}`}
            value={status.cameraId ?? ''}
            onChange={(e) => send({ cmd: 'devices', cameraId: e.target.value || null, micId: null })}
          >
            {status.cameras.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
          <select
            data-testid={`consult-mic-${id}`}
            value={status.micId ?? ''}
            onChange={(e) => send({ cmd: 'devices', cameraId: null, micId: e.target.value || null })}
          >
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
