// Add a person to the duty room, or change one (chosen from the list). People are never
// deleted: someone who leaves is set inactive and stays in the history.
import { useState } from 'react';
import { DUTY_ROLE_LABELS, DutyRole, PersonInput, type Person } from '@contract/duty';
import { useT } from '../../../i18n/use-t';
import { useCommands } from '../../../state/context';
import { dutySlice } from '../../../state/duty/duty-slice';
import { Check } from '../../Check';
import { DraftForm } from '../../DraftForm';
import { TextField } from '../../Field';
import { StillToFix } from '../../StillToFix';
import { draftField } from '../../draft-field';
import { useDraftCheck } from '../../use-draft-check';
import { EnumSelect } from '../EnumSelect';

type Draft = { id?: string; name: string; role: DutyRole; phone: string; unit: string; active: boolean };
const EMPTY: Draft = { name: '', role: 'officer', phone: '', unit: '', active: true };

export function PersonForm({ editing, onDone }: { editing: Person | null; onDone(): void }) {
  const t = useT();
  const { savePerson } = useCommands(dutySlice);
  const [d, setD] = useState<Draft>(
    editing ? { id: editing.id, name: editing.name, role: editing.role, phone: editing.phone, unit: editing.unit, active: editing.active } : EMPTY,
  );
  const check = useDraftCheck(PersonInput, d);
  const edit = (p: Partial<Draft>): void => {
    setD({ ...d, ...p });
    check.touch(...Object.keys(p));
  };
  const [busy, setBusy] = useState(false);
  const save = async (): Promise<void> => {
    if (!check.valid) return check.attempt();
    setBusy(true);
    const saved = await savePerson(d);
    setBusy(false);
    if (saved) {
      setD(EMPTY);
      check.reset();
      onDone();
    }
  };
  const labels = { name: t('people.name'), phone: t('people.phone'), unit: t('people.unit') };
  const field = draftField(d, edit, check, labels);
  return (
    <DraftForm className="person-form" testId="person-form" busy={busy} onSubmit={() => void save()}>
      <div className="form-row">
        <TextField {...field('name')} testId="person-name" maxLength={20} />
        <EnumSelect
          label={t('people.role')}
          testId="person-role"
          value={d.role}
          options={DutyRole.options}
          labels={DUTY_ROLE_LABELS}
          onChange={(role) => edit({ role })}
        />
        <TextField {...field('phone')} testId="person-phone" maxLength={20} />
        <TextField {...field('unit')} testId="person-unit" maxLength={60} />
        <Check label={t('people.active')} testId="person-active" checked={d.active} onChange={(active) => edit({ active })} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="save-person" disabled={!check.valid}>
          {t(d.id ? 'people.save' : 'people.add')}
        </button>
        <StillToFix errors={check.errors} labels={labels} />
        {d.id && (
          <button type="button" onClick={onDone}>
            {t('dutyForm.cancel')}
          </button>
        )}
      </div>
    </DraftForm>
  );
}
