// The operator's tile sources: XYZ/TMS/WMTS templates with their datum (WGS84 or GCJ-02) and key,
// or an .mbtiles file from the data folder; choose which lies under the map (or the outline).
// Removing one asks first, naming it (and saying the map falls back to the outline if it is in use).
import { useState } from 'react';
import type { TileSourceInput } from '@contract/map';
import { useT } from '../../i18n/use-t';
import { useCommands, useSlice } from '../../state/context';
import { mapSlice } from '../../state/map/map-slice';
import { Field, TextField } from '../Field';
import { CommandStatus } from '../CommandStatus';
import { ConfirmButton } from '../ConfirmButton';
import { useCommand } from '../use-command';

type Kind = 'xyz' | 'tms' | 'wmts' | 'mbtiles';

interface SourceDraft {
  type: Kind;
  id: string;
  name: string;
  crs: 'wgs84' | 'gcj02';
  url: string;
  subdomains: string;
  key: string;
  file: string;
  minZoom: string;
  maxZoom: string;
  attribution: string;
}

const EMPTY: SourceDraft = {
  type: 'xyz',
  id: '',
  name: '',
  crs: 'wgs84',
  url: '',
  subdomains: '',
  key: '',
  file: '',
  minZoom: '0',
  maxZoom: '18',
  attribution: '',
};

/** Tianditu's vector WMTS in Web Mercator; the key is the operator's own token. */
const TIANDITU: Partial<SourceDraft> = {
  type: 'wmts',
  id: 'tianditu-vec',
  name: '天地图矢量',
  crs: 'wgs84',
  url: 'http://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk={key}',
  subdomains: '01234567',
  attribution: '天地图',
};

function toInput(d: SourceDraft): TileSourceInput {
  const common = { id: d.id, name: d.name, crs: d.crs, minZoom: Number(d.minZoom), maxZoom: Number(d.maxZoom), attribution: d.attribution };
  if (d.type === 'mbtiles') return { ...common, type: 'mbtiles', file: d.file };
  return { ...common, type: d.type, url: d.url, subdomains: d.subdomains, key: d.key };
}

export function TileSourceEditor() {
  const t = useT();
  const sources = useSlice(mapSlice, (s) => s.sources);
  const commands = useCommands(mapSlice);
  const [d, setD] = useState<SourceDraft>(EMPTY);
  const cmd = useCommand();
  const set = (patch: Partial<SourceDraft>): void => setD((x) => ({ ...x, ...patch }));

  return (
    <div data-testid="tile-source-editor">
      <h2>{t('tiles.title')}</h2>
      <table className="situation-table">
        <tbody>
          <tr>
            <td>
              <label>
                <input
                  type="radio"
                  name="active-source"
                  checked={!sources?.activeId}
                  data-testid="tile-source-active-outline"
                  onChange={() => void cmd.run(() => commands.activateSource(null))}
                />{' '}
                {t('tiles.outline')}
              </label>
            </td>
            <td />
          </tr>
          {sources?.sources.map((s) => (
            <tr key={s.id}>
              <td>
                <label>
                  <input
                    type="radio"
                    name="active-source"
                    checked={sources.activeId === s.id}
                    data-testid={`tile-source-active-${s.id}`}
                    onChange={() => void cmd.run(() => commands.activateSource(s.id))}
                  />{' '}
                  {s.name} ({s.type.toUpperCase()}, {s.crs === 'gcj02' ? 'GCJ-02' : 'WGS84'})
                </label>
              </td>
              <td>
                <button type="button" onClick={() => set({ ...EMPTY, ...s, minZoom: String(s.minZoom), maxZoom: String(s.maxZoom) } as SourceDraft)}>
                  {t('tiles.edit')}
                </button>{' '}
                <ConfirmButton
                  className="danger"
                  testId={`tile-source-remove-${s.id}`}
                  disabled={cmd.busy}
                  label={t('tiles.remove')}
                  title={t('confirm.removeTileSourceTitle', { name: s.name })}
                  consequence={
                    <>
                      <p>{t('confirm.removeTileSourceBody', { name: s.name })}</p>
                      {sources.activeId === s.id && <p data-testid="tile-source-remove-active">{t('confirm.removeTileSourceActive')}</p>}
                    </>
                  }
                  confirmLabel={t('confirm.deleteAction')}
                  onConfirm={() => void cmd.run(() => commands.removeSource(s.id))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void cmd.run(() => commands.saveSource(toInput(d)));
        }}
      >
        <div className="form-row">
          <Field label={t('tiles.type')}>
            <select data-testid="tile-source-type" value={d.type} onChange={(e) => set({ type: e.target.value as Kind })}>
              <option value="xyz">XYZ</option>
              <option value="tms">TMS</option>
              <option value="wmts">WMTS</option>
              <option value="mbtiles">MBTiles</option>
            </select>
          </Field>
          <TextField label={t('tiles.id')} testId="tile-source-id" value={d.id} onChange={(id) => set({ id })} />
          <TextField label={t('tiles.name')} testId="tile-source-name" value={d.name} onChange={(name) => set({ name })} />
          <Field label={t('tiles.crs')}>
            <select data-testid="tile-source-crs" value={d.crs} onChange={(e) => set({ crs: e.target.value as SourceDraft['crs'] })}>
              <option value="wgs84">WGS84 / CGCS2000</option>
              <option value="gcj02">GCJ-02</option>
            </select>
          </Field>
          <Field label={t('tiles.minZoom')}>
            <input value={d.minZoom} onChange={(e) => set({ minZoom: e.target.value })} />
          </Field>
          <Field label={t('tiles.maxZoom')}>
            <input value={d.maxZoom} onChange={(e) => set({ maxZoom: e.target.value })} />
          </Field>
        </div>
        {d.type === 'mbtiles' ? (
          <Field label={t('tiles.file')} hint={t('tiles.fileHint', { dir: sources?.tilesDir ?? '' })}>
            <select data-testid="tile-source-file" value={d.file} onChange={(e) => set({ file: e.target.value })}>
              <option value="">—</option>
              {sources?.mbtiles.map((m) => (
                <option key={m.file} value={m.file} disabled={m.error !== null}>
                  {m.file} {m.error ? `(${m.error})` : `· ${m.name} · z${m.minZoom ?? '?'}–${m.maxZoom ?? '?'}`}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <div className="form-row">
            <Field label={t('tiles.url')} hint={t('tiles.urlHint')}>
              <input data-testid="tile-source-url" size={60} value={d.url} onChange={(e) => set({ url: e.target.value })} />
            </Field>
            <Field label={t('tiles.subdomains')}>
              <input value={d.subdomains} onChange={(e) => set({ subdomains: e.target.value })} />
            </Field>
            <TextField label={t('tiles.key')} hint={t('tiles.keyHint')} testId="tile-source-key" value={d.key} onChange={(key) => set({ key })} />
          </div>
        )}
        <Field label={t('tiles.attribution')}>
          <input value={d.attribution} onChange={(e) => set({ attribution: e.target.value })} />
        </Field>
        <div className="form-actions">
          <button type="button" onClick={() => setD({ ...EMPTY, ...TIANDITU })} data-testid="tile-source-tianditu">
            {t('tiles.tianditu')}
          </button>
          <button type="submit" className="primary" disabled={cmd.busy} data-testid="tile-source-save">
            {t('tiles.save')}
          </button>
        </div>
      </form>
      <CommandStatus cmd={cmd} testId="tile-source" />
    </div>
  );
}
