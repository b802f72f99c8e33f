// Choose a preset (to show on the display, and to edit below) or start a new one.
import type { WallPreset } from '@contract/schemas';
import { useT } from '../i18n/use-t';
import { Field } from './Field';

interface Props {
  presets: readonly WallPreset[];
  selectedId: string | undefined;
  activeId: string | undefined;
  onSelect(id: string): void;
  onActivate(): void;
  onNew(): void;
}

export function PresetPicker({ presets, selectedId, activeId, onSelect, onActivate, onNew }: Props) {
  const t = useT();
  return (
    <div className="preset-picker">
      <Field label={t('console.preset')}>
        <select data-testid="preset-select" value={selectedId ?? ''} onChange={(e) => onSelect(e.target.value)} disabled={presets.length === 0}>
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.id}){p.id === activeId ? ` ${t('console.active')}` : ''}
            </option>
          ))}
        </select>
      </Field>
      <button type="button" className="primary" data-testid="activate-preset" onClick={onActivate} disabled={!selectedId}>
        {t('console.activate')}
      </button>
      <button type="button" data-testid="new-preset" onClick={onNew}>
        {t('console.newPreset')}
      </button>
    </div>
  );
}
