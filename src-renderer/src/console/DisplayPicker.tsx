// Which wall display the console is driving, and what that display shows now.
import { useT } from '../i18n/use-t';
import { appSlice } from '../state/app/app-slice';
import { useSlice } from '../state/context';
import { wallSlice } from '../state/wall/wall-slice';
import { displayChoices } from './console-choices';
import { Field } from './Field';

export function DisplayPicker({ display, onChange }: { display: number; onChange(display: number): void }) {
  const t = useT();
  const settings = useSlice(appSlice, (s) => s.settings);
  const wall = useSlice(wallSlice, (s) => s.wall);
  const activeId = wall?.active[String(display)];
  const active = wall?.presets.find((p) => p.id === activeId);
  return (
    <div className="display-picker">
      <Field label={t('console.display')}>
        <select data-testid="display-select" value={display} onChange={(e) => onChange(Number(e.target.value))}>
          {displayChoices(settings, wall).map((n) => (
            <option key={n} value={n}>
              {/* Counted from 1 for people, as the server's messages do; the value is the index. */}
              {t('console.displayOption', { n: n + 1 })}
            </option>
          ))}
        </select>
      </Field>
      <span className="display-shows" data-testid="display-shows">
        {active ? t('console.displayShows', { name: active.name }) : t('console.displayShowsNothing')}
      </span>
    </div>
  );
}
