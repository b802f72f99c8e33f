// Import map objects from a GeoJSON or CSV file. All or nothing: a refused file lists every bad
// feature or row with its field and reason, and the map is left as it was.
import { useRef, useState } from 'react';
import { jsonUtf8Length } from '@contract/limits';
import { MAX_IMPORT_BYTES, type ImportProblem, type MapObjectKind } from '@contract/map';
import { useT } from '../../i18n/use-t';
import { useCommands } from '../../state/context';
import { mapSlice } from '../../state/map/map-slice';
import { Field } from '../Field';
import { CommandStatus } from '../CommandStatus';
import { useCommand } from '../use-command';
import { KindOptions } from './KindOptions';

function formatOf(name: string): 'geojson' | 'csv' | null {
  const n = name.toLowerCase();
  if (n.endsWith('.csv')) return 'csv';
  if (n.endsWith('.geojson') || n.endsWith('.json')) return 'geojson';
  return null;
}

export function MapImport() {
  const t = useT();
  const file = useRef<HTMLInputElement>(null);
  const [defaultKind, setDefaultKind] = useState<MapObjectKind | ''>('');
  const [local, setLocal] = useState<string | null>(null);
  const cmd = useCommand();
  const { importObjects } = useCommands(mapSlice);
  const problems = ((cmd.errorData as { problems?: ImportProblem[] } | null)?.problems ?? []) as ImportProblem[];

  const run = async (dryRun: boolean): Promise<void> => {
    setLocal(null);
    const f = file.current?.files?.[0];
    if (!f) return setLocal(t('mapImport.chooseFile'));
    const format = formatOf(f.name);
    if (!format) return setLocal(t('mapImport.unknownType', { name: f.name }));
    const text = await f.text();
    if (jsonUtf8Length(text) > MAX_IMPORT_BYTES) return setLocal(t('mapImport.tooBig', { max: MAX_IMPORT_BYTES }));
    await cmd.run(
      () => importObjects({ format, text, defaultKind: defaultKind || undefined, dryRun }),
      (r) => t(r.dryRun ? 'mapImport.checked' : 'mapImport.imported', { created: r.created, updated: r.updated }),
    );
  };

  return (
    <div data-testid="map-import">
      <h2>{t('mapImport.title')}</h2>
      <p className="situation-note">{t('mapImport.help')}</p>
      <div className="form-row">
        <Field label={t('mapImport.file')}>
          <input ref={file} type="file" accept=".geojson,.json,.csv" data-testid="map-import-file" onChange={() => cmd.reset()} />
        </Field>
        <Field label={t('mapImport.defaultKind')}>
          <select data-testid="map-import-kind" value={defaultKind} onChange={(e) => setDefaultKind(e.target.value as MapObjectKind | '')}>
            <KindOptions none={t('mapImport.kindFromFile')} />
          </select>
        </Field>
      </div>
      <div className="form-actions">
        <button type="button" disabled={cmd.busy} data-testid="map-import-check" onClick={() => void run(true)}>
          {t('mapImport.check')}
        </button>
        <button type="button" className="primary" disabled={cmd.busy} data-testid="map-import-run" onClick={() => void run(false)}>
          {t('mapImport.run')}
        </button>
      </div>
      {local && <div className="form-error">{local}</div>}
      <CommandStatus cmd={cmd} testId="map-import" />
      {problems.length > 0 && (
        <ul className="situation-problems" data-testid="map-import-problems">
          {problems.map((p, i) => (
            <li key={i} data-testid="map-import-problem">
              {p.label} · {p.field}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
