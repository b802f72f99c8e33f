// Create or edit one preset: name, id, layout and a panel per cell; save or delete it; and the
// daily windows it is shown in (presets on a schedule, contract/wall.ts WallSchedule).
import { useMemo, useReducer, useState } from 'react';
import { WallSchedule } from '@contract/wall';
import { useT } from '../i18n/use-t';
import { useCommands, useSlice } from '../state/context';
import { wallSlice } from '../state/wall/wall-slice';
import { CellPanelGrid } from './CellPanelGrid';
import { CommandStatus } from './CommandStatus';
import { ConfirmButton } from './ConfirmButton';
import { DraftForm } from './DraftForm';
import { Field } from './Field';
import { StillToFix } from './StillToFix';
import { useCommand } from './use-command';
import { useDraftCheck } from './use-draft-check';
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
    <>
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
          <ConfirmButton
            className="danger"
            testId="delete-preset"
            disabled={!draft.loadedFrom}
            label={t('console.delete')}
            title={t('confirm.deletePresetTitle', { name: draft.name || (draft.loadedFrom ?? '') })}
            consequence={<p>{t('confirm.deletePresetBody', { name: draft.name || (draft.loadedFrom ?? '') })}</p>}
            confirmLabel={t('confirm.deleteAction')}
            onConfirm={() => void remove()}
          />
          {saved && (
            <span className="saved-note" role="status" data-testid="preset-saved">
              {t('console.saved')}
            </span>
          )}
        </div>
      </form>
      <PresetSchedule presetId={draft.loadedFrom ?? null} />
    </>
  );
}

const NO_SCHEDULES: readonly WallSchedule[] = [];

/** The daily windows a saved preset is shown in: listed, removed (after a confirmation naming the window), added (checked as typed). */
function PresetSchedule({ presetId }: { presetId: string | null }) {
  const t = useT();
  const schedules = useSlice(wallSlice, (s) => s.wall?.settings?.schedules) ?? NO_SCHEDULES;
  const scheduled = useSlice(wallSlice, (s) => s.wall?.scheduled);
  const { saveWallSettings } = useCommands(wallSlice);
  const cmd = useCommand();
  const [name, setName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const mine = schedules.filter((s) => s.presetId === presetId);
  const draft = useMemo(
    () => ({ id: newScheduleId(schedules), name, presetId: presetId ?? '', from, to, displays: [] }),
    [schedules, name, presetId, from, to],
  );
  const check = useDraftCheck(WallSchedule, draft);
  const labels = { name: t('console.schedule.name'), from: t('console.schedule.from'), to: t('console.schedule.to') };
  const save = (next: WallSchedule[]): Promise<unknown> => cmd.run(() => saveWallSettings({ schedules: next }));
  const presetName = useSlice(wallSlice, (s) => s.wall?.presets.find((p) => p.id === presetId)?.name) ?? presetId ?? '';
  const windowText = (s: WallSchedule): string => t(s.to < s.from ? 'console.schedule.overnight' : 'console.schedule.window', { from: s.from, to: s.to });

  if (presetId === null)
    return (
      <section className="preset-schedule" data-testid="preset-schedule">
        <h3>{t('console.schedule.title')}</h3>
        <p className="field-hint">{t('console.schedule.saveFirst')}</p>
      </section>
    );
  return (
    <section className="preset-schedule" data-testid="preset-schedule" aria-label={t('console.schedule.title')}>
      <h3>{t('console.schedule.title')}</h3>
      <p className="field-hint">{t('console.schedule.hint')}</p>
      {mine.length === 0 ? (
        <p data-testid="schedule-none">{t('console.schedule.none')}</p>
      ) : (
        <ul className="schedule-list">
          {mine.map((s) => (
            <li key={s.id} data-testid="schedule-row" data-schedule={s.id}>
              <span className="schedule-name">{s.name}</span> <span className="tabular">{windowText(s)}</span>
              {Object.values(scheduled ?? {}).includes(s.id) && (
                <span className="schedule-now" data-testid="schedule-now">
                  {' '}
                  {t('console.schedule.now')}
                </span>
              )}{' '}
              <ConfirmButton
                className="danger"
                testId={`schedule-remove-${s.id}`}
                disabled={cmd.busy}
                label={t('console.schedule.remove')}
                title={t('confirm.removeScheduleTitle', { name: s.name })}
                consequence={<p>{t('confirm.removeScheduleBody', { name: s.name, window: windowText(s), preset: presetName })}</p>}
                confirmLabel={t('confirm.deleteAction')}
                onConfirm={() => void save(schedules.filter((x) => x.id !== s.id))}
              />
            </li>
          ))}
        </ul>
      )}
      <DraftForm
        className="form-row"
        busy={cmd.busy}
        onSubmit={() => {
          check.attempt();
          if (!check.valid) return;
          void save([...schedules, WallSchedule.parse(draft)]).then((r) => {
            if (r === undefined) return;
            setName('');
            setFrom('');
            setTo('');
            check.reset();
          });
        }}
      >
        <Field label={labels.name} error={check.shown('name')}>
          <input data-testid="schedule-name" value={name} maxLength={40} onChange={(e) => (check.touch('name'), setName(e.target.value))} />
        </Field>
        <Field label={labels.from} error={check.shown('from')}>
          <input data-testid="schedule-from" type="time" value={from} onChange={(e) => (check.touch('from'), setFrom(e.target.value))} />
        </Field>
        <Field label={labels.to} error={check.shown('to')}>
          <input data-testid="schedule-to" type="time" value={to} onChange={(e) => (check.touch('to'), setTo(e.target.value))} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" data-testid="schedule-add" disabled={!check.valid || cmd.busy}>
            {t('console.schedule.add')}
          </button>
          {!check.valid && <StillToFix errors={check.errors} labels={labels} />}
          <CommandStatus cmd={cmd} testId="schedule-status" />
        </div>
      </DraftForm>
    </section>
  );
}

/** An id no schedule has yet: "s1", "s2", … */
function newScheduleId(schedules: readonly WallSchedule[]): string {
  const taken = new Set(schedules.map((s) => s.id));
  let n = schedules.length + 1;
  while (taken.has(`s${n}`)) n++;
  return `s${n}`;
}
