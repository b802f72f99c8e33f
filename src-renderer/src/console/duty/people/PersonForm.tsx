// Add a person to the duty room, or change one (chosen from the list). People are never
// deleted: someone who leaves is set inactive and stays in the history.
import { useState } from 'react';
import { DUTY_ROLE_LABELS, DutyRole, PersonInput, type Person } from '@contract/duty';
import { useT } from '../../../i18n/use-t';
import { useCommands } from '../../../state/context';
import { dutySlice } from '../../../state/duty/duty-slice';
import { Check } from '../../Check';
import { TextField } from '../../Field';
import { StillToFix } from '../../StillToFix';
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
  const save = async (): Promise<void> => {
    if (!check.valid) return check.attempt();
    if (await savePerson(d)) {
      setD(EMPTY);
      check.reset();
      onDone();
    }
  };
  const labels = { name: t('people.name'), phone: t('people.phone'), unit: t('people.unit') };
  return (
    <form
      className="person-form"
      data-testid="person-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="form-row">
        <TextField
          label={t('people.name')}
          error={check.shown('name')}
          testId="person-name"
          value={d.name}
          maxLength={20}
          onChange={(name) => edit({ name })}
        />
        <EnumSelect
          label={t('people.role')}
          testId="person-role"
          value={d.role}
          options={DutyRole.options}
          labels={DUTY_ROLE_LABELS}
          onChange={(role) => edit({ role })}
        />
        <TextField
          label={t('people.phone')}
          error={check.shown('phone')}
          testId="person-phone"
          value={d.phone}
          maxLength={20}
          onChange={(phone) => edit({ phone })}
        />
        <TextField
          label={t('people.unit')}
          error={check.shown('unit')}
          testId="person-unit"
          value={d.unit}
          maxLength={60}
          onChange={(unit) => edit({ unit })}
        />
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
    </form>
  );
}
