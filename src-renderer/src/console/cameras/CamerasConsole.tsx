// Camera sources (HLS playlists, WHEP endpoints or RTSP cameras) and timed tours through them. An
// RTSP camera's password is never shown: left empty, the stored one is kept.
import { useState } from 'react';
import type { CameraSourceInput, CameraTourInput } from '@contract/cameras';
import { YUEXIU_STREETS } from '@contract/yuexiu';
import { useT } from '../../i18n/use-t';
import { camerasSlice } from '../../state/cameras/cameras-slice';
import { mediaHealthSlice } from '../../state/cameras/media-health-slice';
import { useCommands, useSlice } from '../../state/context';
import { Field } from '../Field';
import { CommandStatus } from '../CommandStatus';
import { ConfirmButton } from '../ConfirmButton';
import { useCommand } from '../use-command';

interface CamDraft {
  id: string;
  name: string;
  kind: 'hls' | 'whep' | 'rtsp';
  url: string;
  user: string;
  password: string;
  passwordSet: boolean;
  street: string;
  lat: string;
  lng: string;
  enabled: boolean;
}
const EMPTY_CAM: CamDraft = { id: '', name: '', kind: 'hls', url: '', user: '', password: '', passwordSet: false, street: '', lat: '', lng: '', enabled: true };

function camInput(d: CamDraft): CameraSourceInput {
  const position = d.lat.trim() || d.lng.trim() ? { lat: Number(d.lat), lng: Number(d.lng) } : null;
  const login = d.kind === 'rtsp' ? { user: d.user, ...(d.password ? { password: d.password } : {}) } : {};
  return {
    id: d.id,
    name: d.name,
    kind: d.kind,
    url: d.url,
    ...login,
    street: (d.street || null) as CameraSourceInput['street'],
    position,
    enabled: d.enabled,
  };
}

function SourceForm() {
  const t = useT();
  const state = useSlice(camerasSlice, (s) => s.state);
  const [d, setD] = useState<CamDraft>(EMPTY_CAM);
  const cmd = useCommand();
  const { saveSource, removeSource } = useCommands(camerasSlice);
  const set = (p: Partial<CamDraft>): void => setD((x) => ({ ...x, ...p }));
  return (
    <div data-testid="camera-sources">
      <div className="situation-list">
        {state?.sources.map((s) => (
          <span key={s.id}>
            <button
              type="button"
              onClick={() =>
                setD({
                  id: s.id,
                  name: s.name,
                  kind: s.kind,
                  url: s.url,
                  user: s.user ?? '',
                  password: '',
                  passwordSet: s.passwordSet ?? false,
                  street: s.street ?? '',
                  lat: s.position ? String(s.position.lat) : '',
                  lng: s.position ? String(s.position.lng) : '',
                  enabled: s.enabled,
                })
              }
            >
              {s.name}
              {s.enabled ? '' : ` (${t('cameraForm.disabled')})`}
            </button>
            <RemoveButton
              what="Camera"
              name={s.name}
              testId={`camera-remove-${s.id}`}
              busy={cmd.busy}
              onConfirm={() => void cmd.run(() => removeSource(s.id))}
            />
          </span>
        ))}
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void cmd.run(() => saveSource(camInput(d)));
        }}
      >
        <div className="form-row">
          <Field label={t('cameraForm.id')}>
            <input data-testid="camera-form-id" value={d.id} onChange={(e) => set({ id: e.target.value })} />
          </Field>
          <Field label={t('cameraForm.name')}>
            <input data-testid="camera-form-name" value={d.name} onChange={(e) => set({ name: e.target.value })} />
          </Field>
          <Field label={t('cameraForm.kind')}>
            <select data-testid="camera-form-kind" value={d.kind} onChange={(e) => set({ kind: e.target.value as CamDraft['kind'] })}>
              <option value="hls">HLS (.m3u8)</option>
              <option value="whep">WebRTC WHEP</option>
              <option value="rtsp">RTSP</option>
            </select>
          </Field>
          <Field label={t('cameraForm.url')} hint={t(d.kind === 'rtsp' ? 'cameraForm.rtspUrlHint' : 'cameraForm.urlHint')}>
            <input size={44} data-testid="camera-form-url" value={d.url} onChange={(e) => set({ url: e.target.value })} />
          </Field>
        </div>
        {d.kind === 'rtsp' && (
          <div className="form-row">
            <Field label={t('cameraForm.user')}>
              <input data-testid="camera-form-user" autoComplete="off" value={d.user} onChange={(e) => set({ user: e.target.value })} />
            </Field>
            <Field label={t('cameraForm.password')} hint={d.passwordSet ? t('cameraForm.passwordKept') : undefined}>
              <input
                type="password"
                data-testid="camera-form-password"
                autoComplete="new-password"
                value={d.password}
                onChange={(e) => set({ password: e.target.value })}
              />
            </Field>
          </div>
        )}
        <div className="form-row">
          <Field label={t('mapForm.field.street')}>
            <select value={d.street} onChange={(e) => set({ street: e.target.value })}>
              <option value="">{t('mapForm.noStreet')}</option>
              {YUEXIU_STREETS.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('mapForm.field.lat')} hint={t('cameraForm.positionHint')}>
            <input value={d.lat} onChange={(e) => set({ lat: e.target.value })} />
          </Field>
          <Field label={t('mapForm.field.lng')}>
            <input value={d.lng} onChange={(e) => set({ lng: e.target.value })} />
          </Field>
          <label className="field">
            <span className="field-label">{t('cameraForm.enabled')}</span>
            <input type="checkbox" checked={d.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={cmd.busy} data-testid="camera-form-save">
            {t('cameraForm.save')}
          </button>
        </div>
      </form>
      <CommandStatus cmd={cmd} testId="camera-form" />
    </div>
  );
}

function TourForm() {
  const t = useT();
  const state = useSlice(camerasSlice, (s) => s.state);
  const [d, setD] = useState({ id: '', name: '', ids: '', tiles: '4', dwell: '20' });
  const cmd = useCommand();
  const { saveTour, removeTour, runTour } = useCommands(camerasSlice);
  const input = (): CameraTourInput => ({
    id: d.id,
    name: d.name,
    cameraIds: d.ids.split(/[\s,，]+/).filter(Boolean),
    tiles: Number(d.tiles) as CameraTourInput['tiles'],
    dwellSeconds: Number(d.dwell),
  });
  return (
    <div data-testid="camera-tours">
      <h3>{t('cameraForm.tours')}</h3>
      <div className="form-row">
        <label>
          <input type="radio" name="tour" checked={!state?.activeTourId} onChange={() => void cmd.run(() => runTour(null))} /> {t('cameraForm.allCameras')}
        </label>
        {state?.tours.map((tour) => (
          <span key={tour.id}>
            <label>
              <input type="radio" name="tour" checked={state.activeTourId === tour.id} onChange={() => void cmd.run(() => runTour(tour.id))} /> {tour.name}
            </label>{' '}
            <button
              type="button"
              onClick={() =>
                setD({ id: tour.id, name: tour.name, ids: tour.cameraIds.join(', '), tiles: String(tour.tiles), dwell: String(tour.dwellSeconds) })
              }
            >
              {t('tiles.edit')}
            </button>
            <RemoveButton
              what="Tour"
              name={tour.name}
              testId={`camera-tour-remove-${tour.id}`}
              busy={cmd.busy}
              onConfirm={() => void cmd.run(() => removeTour(tour.id))}
            />
          </span>
        ))}
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void cmd.run(() => saveTour(input()));
        }}
      >
        <div className="form-row">
          <Field label={t('cameraForm.id')}>
            <input value={d.id} onChange={(e) => setD({ ...d, id: e.target.value })} />
          </Field>
          <Field label={t('cameraForm.name')}>
            <input value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} />
          </Field>
          <Field label={t('cameraForm.tourCameras')} hint={t('cameraForm.tourCamerasHint')}>
            <input size={30} value={d.ids} onChange={(e) => setD({ ...d, ids: e.target.value })} />
          </Field>
          <Field label={t('cameraForm.tiles')}>
            <select value={d.tiles} onChange={(e) => setD({ ...d, tiles: e.target.value })}>
              {['1', '4', '9', '16'].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('cameraForm.dwell')}>
            <input size={5} value={d.dwell} onChange={(e) => setD({ ...d, dwell: e.target.value })} />
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={cmd.busy}>
            {t('cameraForm.saveTour')}
          </button>
        </div>
      </form>
      <CommandStatus cmd={cmd} testId="camera-tour" />
    </div>
  );
}

/** The media engine's health (Janus serves the RTSP cameras): state, pid, uptime, restarts, last error. */
function MediaHealthLine() {
  const t = useT();
  const h = useSlice(mediaHealthSlice, (s) => s.health);
  if (!h) return null;
  const upMinutes = h.upSince === null ? null : Math.max(0, Math.floor((Date.now() - h.upSince) / 60_000));
  return (
    <p className="field-hint" data-testid="media-health" data-state={h.state}>
      {t('media.title')}: {t(`media.state.${h.state}`)}
      {h.pid !== null && ` · pid ${h.pid}`}
      {upMinutes !== null && ` · ${t('media.upMinutes', { minutes: upMinutes })}`}
      {h.restarts > 0 && ` · ${t('media.restarts', { count: h.restarts })}`}
      {h.mountpoints.wanted > 0 && ` · ${t('media.mountpoints', { ready: h.mountpoints.ready, wanted: h.mountpoints.wanted })}`}
      {h.lastError && ` · ${t('media.lastError')}: ${h.lastError}`}
    </p>
  );
}

// Same JSX shape as WarningsConsole (console/warnings/WarningsConsole.tsx): a titled tab of forms, nothing shared.
export function CamerasConsole() {
  const t = useT();
  return (
    <div data-testid="cameras-console">
      <h2>{t('cameraForm.title')}</h2>
      <MediaHealthLine />
      <SourceForm />
      <TourForm />
    </div>
  );
}

/** 删除 a camera source or a tour, after a confirmation that names it (their own words, one shape). */
function RemoveButton({ what, name, testId, busy, onConfirm }: { what: 'Camera' | 'Tour'; name: string; testId: string; busy: boolean; onConfirm(): void }) {
  const t = useT();
  return (
    <ConfirmButton
      className="danger"
      testId={testId}
      disabled={busy}
      label={t('confirm.deleteAction')}
      title={t(`confirm.remove${what}Title`, { name })}
      consequence={<p>{t(`confirm.remove${what}Body`, { name })}</p>}
      confirmLabel={t('confirm.deleteAction')}
      onConfirm={onConfirm}
    />
  );
}
