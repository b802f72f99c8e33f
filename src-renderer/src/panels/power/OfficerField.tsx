// Who acknowledges or mutes: typed, or chosen from the duty room's people when duty has them.
// The name is kept for the page, so the officer gives it once, not per alarm.
import { useEffect, useId } from 'react';
import { DUTY_ROLE_LABELS } from '@contract/duty';
import { useLanguage, useT } from '../../i18n/use-t';
import { useCommands, useSlice } from '../../state/context';
import { powerSlice } from '../../state/power/power-slice';

export function OfficerField() {
  const t = useT();
  const lang = useLanguage();
  const listId = useId();
  const officer = useSlice(powerSlice, (s) => s.officer);
  const officers = useSlice(powerSlice, (s) => s.officers);
  const { setOfficer, loadOfficers } = useCommands(powerSlice);
  useEffect(() => {
    void loadOfficers();
  }, [loadOfficers]);
  return (
    <label className="power-officer">
      <span className="fact-label">{t('power.officer')}</span>
      <input
        data-testid="power-officer"
        value={officer}
        maxLength={40}
        list={officers.length > 0 ? listId : undefined}
        placeholder={t('power.officerPlaceholder')}
        onChange={(e) => void setOfficer(e.target.value)}
      />
      {officers.length > 0 && (
        <datalist id={listId} data-testid="power-officer-list">
          {officers.map((o) => (
            <option key={o.id} value={o.name} label={lang === 'en' ? DUTY_ROLE_LABELS[o.role].en : DUTY_ROLE_LABELS[o.role].zh} />
          ))}
        </datalist>
      )}
    </label>
  );
}
