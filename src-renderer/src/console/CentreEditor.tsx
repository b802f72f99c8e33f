// This centre's name, level and network links. Saved as one record; the server checks it
// and its refusal, naming the field, appears in the error banner.
import { useState } from 'react';
import type { CentreInfo } from '@contract/schemas';
import { useT } from '../i18n/use-t';
import { centreSlice } from '../state/centre/centre-slice';
import { useCommands } from '../state/context';
import { cleanCentre, missingLinkIds } from './centre-draft';
import { Field } from './Field';
import { LinkFields } from './LinkFields';

export function CentreEditor({ centre }: { centre: CentreInfo }) {
  const t = useT();
  const { updateCentre } = useCommands(centreSlice);
  const [draft, setDraft] = useState(centre);
  const [shown, setShown] = useState(centre);
  const [saved, setSaved] = useState(false);
  // The server's record changed (our save, or another console's): show what it now holds.
  if (centre !== shown) {
    setShown(centre);
    setDraft(centre);
  }
  const edit = (next: CentreInfo): void => {
    setSaved(false);
    setDraft(next);
  };
  const save = async (): Promise<void> => setSaved((await updateCentre(cleanCentre(draft))) !== null);

  return (
    <form
      className="centre-editor"
      data-testid="centre-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{t('centreForm.title')}</h2>
      <div className="form-row">
        <Field label={t('centreForm.name')}>
          <input data-testid="centre-name" value={draft.name} maxLength={60} onChange={(e) => edit({ ...draft, name: e.target.value })} />
        </Field>
        <Field label={t('centreForm.nameEn')}>
          <input data-testid="centre-name-en" value={draft.nameEn} maxLength={80} onChange={(e) => edit({ ...draft, nameEn: e.target.value })} />
        </Field>
        <Field label={t('centreForm.level')}>
          <select data-testid="centre-level" value={draft.level} onChange={(e) => edit({ ...draft, level: e.target.value as CentreInfo['level'] })}>
            <option value="district">{t('level.district')}</option>
            <option value="street">{t('level.street')}</option>
          </select>
        </Field>
      </div>
      <div className="form-row">
        {draft.links.map((link) => (
          <LinkFields
            key={link.id}
            link={link}
            onChange={(l) => edit({ ...draft, links: draft.links.map((x) => (x.id === l.id ? l : x)) })}
            onRemove={() => edit({ ...draft, links: draft.links.filter((x) => x.id !== link.id) })}
          />
        ))}
      </div>
      <div className="form-actions">
        {missingLinkIds(draft).map((id) => (
          <button key={id} type="button" data-testid={`add-link-${id}`} onClick={() => edit({ ...draft, links: [...draft.links, { id, name: '' }] })}>
            {t('centreForm.addLink', { id })}
          </button>
        ))}
        <button type="submit" className="primary" data-testid="save-centre">
          {t('centreForm.save')}
        </button>
        {saved && (
          <span className="saved-note" role="status">
            {t('console.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
