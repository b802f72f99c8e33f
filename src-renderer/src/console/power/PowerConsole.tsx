// The console's 供电保障 section: the active alarms (the duty officer acknowledges here), the
// configured sources with their live verdict, the source form (NUT, SNMP, Modbus) and thresholds.
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { AlarmList } from '../../panels/power/AlarmList';
import { PowerErrorNote } from '../../panels/power/PowerErrorNote';
import { useCommands, useSlice } from '../../state/context';
import { powerSlice } from '../../state/power/power-slice';
import { draftFromSource, newSourceDraft, type DraftKind, type SourceDraft } from './source-draft';
import { SourceForm } from './SourceForm';
import { SourceRow } from './SourceRow';
import { ThresholdsForm } from './ThresholdsForm';
import '../../panels/power/power.css';
import './power-console.css';

const KINDS: DraftKind[] = ['nut', 'snmp', 'modbus'];

export function PowerConsole() {
  const t = useT();
  const config = useSlice(powerSlice, (s) => s.config);
  const { loadConfig } = useCommands(powerSlice);
  const [editing, setEditing] = useState<SourceDraft | null>(null);
  const [savedId, setSavedId] = useState<string | null>(null);
  useEffect(() => {
    void loadConfig();
  }, [loadConfig]);
  const sources = config?.sources ?? [];
  const open = (d: SourceDraft): void => {
    setSavedId(null);
    setEditing(d);
  };

  return (
    <section className="console-section power-console" data-testid="power-console">
      <h2>{t('powerConsole.title')}</h2>
      <AlarmList />
      <h3>{t('powerConsole.sources')}</h3>
      <PowerErrorNote commands={['loadConfig', 'deleteSource']} />
      {sources.length === 0 ? (
        <p className="unset">{t('powerConsole.noSources')}</p>
      ) : (
        <table className="power-source-table" data-testid="power-source-table">
          <tbody>
            {sources.map((s) => (
              <SourceRow key={s.id} source={s} onEdit={() => open(draftFromSource(s))} />
            ))}
          </tbody>
        </table>
      )}
      <div className="form-actions">
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            data-testid={`power-source-add-${k}`}
            onClick={() =>
              open(
                newSourceDraft(
                  k,
                  sources.map((s) => s.id),
                ),
              )
            }
          >
            {t('powerConsole.add', { kind: t(`power.kind.${k}`) })}
          </button>
        ))}
        {savedId && sources.some((s) => s.id === savedId) && (
          <span className="saved-note" role="status" data-testid="power-source-saved">
            {t('console.saved')}
          </span>
        )}
      </div>
      {editing && (
        <SourceForm
          key={`${editing.kind}-${editing.loadedId ?? 'new'}-${editing.id}`}
          initial={editing}
          onDone={(id) => {
            // A save's reply can come after another form was opened (the list shows the saved
            // source first, from the hub's push): close only the form that finished.
            const finished = editing;
            setEditing((now) => (now === finished ? null : now));
            setSavedId(id);
          }}
        />
      )}
      {config && <ThresholdsForm thresholds={config.thresholds} />}
    </section>
  );
}
