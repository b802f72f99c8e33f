// Create or edit one preset: name, id, layout and a panel per cell; save or delete it.
import { useReducer, useState } from 'react';
import { useT } from '../i18n/use-t';
import { useCommands } from '../state/context';
import { wallSlice } from '../state/wall/wall-slice';
import { CellPanelGrid } from './CellPanelGrid';
import { Field } from './Field';
import { LayoutPicker } from './LayoutPicker';
import { draftReducer, draftToPreset, type DraftAction, type PresetDraft } from './preset-draft';

interface Props {
  initial: PresetDraft;
  takenIds: readonly string[];
  /** Saving a new preset remounts the editor on it; this carries the "saved" note across. */
  justSaved: boolean;
  onSaved(id: string): void;
  onDeleted(): void;
}

export function PresetEditor({ initial, takenIds, justSaved, onSaved, onDeleted }: Props) {
  const t = useT();
  const { savePreset, deletePreset } = useCommands(wallSlice);
  const [draft, dispatchDraft] = useReducer(draftReducer, initial);
  const [saved, setSaved] = useState(justSaved);
  const dispatch = (a: DraftAction): void => {
    setSaved(false);
    dispatchDraft(a);
  };

  const save = async (): Promise<void> => {
    const preset = draftToPreset(draft);
    if ((await savePreset(preset)) !== null) {
      setSaved(true);
      onSaved(preset.id);
    }
  };
  const remove = async (): Promise<void> => {
    if (draft.loadedFrom && (await deletePreset(draft.loadedFrom)) !== null) onDeleted();
  };

  return (
    <form
      className="preset-editor"
      data-testid="preset-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{draft.loadedFrom ? t('console.editPreset') : t('console.newDraft')}</h2>
      <div className="form-row">
        <Field label={t('console.presetName')}>
          <input data-testid="preset-name" value={draft.name} maxLength={40} onChange={(e) => dispatch({ type: 'name', name: e.target.value, takenIds })} />
        </Field>
        <Field label={t('console.presetId')} hint={t('console.presetIdHint')}>
          <input data-testid="preset-id" value={draft.id} maxLength={40} spellCheck={false} onChange={(e) => dispatch({ type: 'id', id: e.target.value })} />
        </Field>
      </div>
      <LayoutPicker layout={draft.layout} dispatch={dispatch} />
      <CellPanelGrid layout={draft.layout} cells={draft.cells} dispatch={dispatch} />
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="save-preset">
          {t('console.save')}
        </button>
        <button type="button" className="danger" data-testid="delete-preset" disabled={!draft.loadedFrom} onClick={() => void remove()}>
          {t('console.delete')}
        </button>
        {saved && (
          <span className="saved-note" role="status" data-testid="preset-saved">
            {t('console.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
