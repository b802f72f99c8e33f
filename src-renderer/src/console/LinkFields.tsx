// One network link of this centre: its name, local subnet and the hub's URL over it.
import type { LinkConfig } from '@contract/schemas';
import { useT } from '../i18n/use-t';
import { Field } from './Field';

interface Props {
  link: LinkConfig;
  onChange(link: LinkConfig): void;
  onRemove(): void;
}

export function LinkFields({ link, onChange, onRemove }: Props) {
  const t = useT();
  const id = link.id;
  return (
    <fieldset className="link-fields" data-testid={`link-${id}`}>
      <legend>{t('centreForm.linkId', { id })}</legend>
      <Field label={t('centreForm.linkName')}>
        <input data-testid={`link-${id}-name`} value={link.name} maxLength={40} onChange={(e) => onChange({ ...link, name: e.target.value })} />
      </Field>
      <Field label={t('centreForm.subnet')}>
        <input
          data-testid={`link-${id}-subnet`}
          value={link.subnet ?? ''}
          placeholder="10.0.0.0/24"
          spellCheck={false}
          onChange={(e) => onChange({ ...link, subnet: e.target.value })}
        />
      </Field>
      <Field label={t('centreForm.hubUrl')}>
        <input
          data-testid={`link-${id}-hub-url`}
          value={link.hubUrl ?? ''}
          placeholder="http://10.0.0.2:4399"
          spellCheck={false}
          onChange={(e) => onChange({ ...link, hubUrl: e.target.value })}
        />
      </Field>
      <button type="button" className="danger" data-testid={`link-${id}-remove`} onClick={onRemove}>
        {t('centreForm.removeLink')}
      </button>
    </fieldset>
  );
}
