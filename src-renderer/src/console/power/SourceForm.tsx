// Add or edit one power source. Saved through power.saveSource; the server checks every field
// and its refusal, naming the field, shows above the buttons.
import { useState } from 'react';
import type { PowerConfig } from '@contract/power';
import { useT } from '../../i18n/use-t';
import { PowerErrorNote } from '../../panels/power/PowerErrorNote';
import { useCommands, useSlice } from '../../state/context';
import { powerSlice } from '../../state/power/power-slice';
import { Check } from '../Check';
import { Field, TextField } from '../Field';
import { draftToInput, type SourceDraft } from './source-draft';
import { SourceKindFields } from './SourceKindFields';

/** One empty list, so the selector gives the same value while no config is loaded. */
const NO_MODELS: PowerConfig['models'] = [];

interface Props {
  initial: SourceDraft;
  onDone(savedId: string | null): void;
}

export function SourceForm({ initial, onDone }: Props) {
  const t = useT();
  const models = useSlice(powerSlice, (s) => s.config?.models ?? NO_MODELS);
  const { saveSource } = useCommands(powerSlice);
  const [draft, setDraft] = useState(initial);
  const edit = (patch: Partial<SourceDraft>): void => setDraft((d) => ({ ...d, ...patch }));
  const isNew = draft.loadedId === null;
  const save = async (): Promise<void> => {
    const input = draftToInput(draft);
    if ((await saveSource(input)) !== null) onDone(input.id);
  };

  return (
    <form
      className="power-source-form"
      data-testid="power-source-form"
      data-kind={draft.kind}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{isNew ? t('powerConsole.newSource', { kind: t(`power.kind.${draft.kind}`) }) : t('powerConsole.editSource', { name: initial.name })}</h3>
      <div className="form-row">
        <Field label={t('powerConsole.id')} hint={isNew ? t('powerConsole.idHint') : undefined}>
          <input
            data-testid="power-source-id"
            value={draft.id}
            maxLength={40}
            spellCheck={false}
            readOnly={!isNew}
            onChange={(e) => edit({ id: e.target.value })}
          />
        </Field>
        <TextField label={t('powerConsole.name')} testId="power-source-name" value={draft.name} maxLength={40} onChange={(name) => edit({ name })} />
        <Check label={t('powerConsole.enabled')} testId="power-source-enabled" checked={draft.enabled} onChange={(enabled) => edit({ enabled })} />
      </div>
      <div className="form-row">
        <Field label={t('powerConsole.host')}>
          <input
            data-testid="power-source-host"
            value={draft.host}
            maxLength={253}
            spellCheck={false}
            placeholder="192.168.10.20"
            onChange={(e) => edit({ host: e.target.value })}
          />
        </Field>
        <Field label={t('powerConsole.port')}>
          <input data-testid="power-source-port" type="number" min={1} max={65535} value={draft.port} onChange={(e) => edit({ port: e.target.value })} />
        </Field>
        <Field label={t('powerConsole.pollMs')} hint={t('powerConsole.pollHint')}>
          <input
            data-testid="power-source-poll"
            type="number"
            min={100}
            max={10000}
            step={50}
            value={draft.pollMs}
            onChange={(e) => edit({ pollMs: e.target.value })}
          />
        </Field>
      </div>
      <SourceKindFields draft={draft} models={models} edit={edit} />
      <PowerErrorNote commands={['saveSource']} />
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="power-source-save">
          {t('powerConsole.save')}
        </button>
        <button type="button" data-testid="power-source-cancel" onClick={() => onDone(null)}>
          {t('powerConsole.cancel')}
        </button>
      </div>
    </form>
  );
}
