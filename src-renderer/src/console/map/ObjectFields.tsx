// The kind-specific fields of a map object's form. A warehouse's stock and a team's status are no
// longer the map's (materials and teams took them over, and the core refuses a change of either
// from here): they are shown read-only from their owners, with a link to the tab that manages them.
import { GEOHAZARD_TYPE_LABELS, RISK_CATEGORY_LABELS, RISK_LEVEL_LABELS } from '@contract/map';
import type { Label } from '@contract/duty';
import { TEAM_STATUS_LABELS } from '@contract/teams';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatNumber, formatTime } from '../../shared/format';
import { useLabel } from '../../shared/label';
import { useSlice } from '../../state/context';
import { materialsSlice } from '../../state/materials/materials-slice';
import { teamsSlice } from '../../state/teams/teams-slice';
import { openInConsole, withConsoleTab, type ConsoleTab } from '../duty/console-tab';
import { Field } from '../Field';
import { KIND_FIELDS, TAKEN_OVER, type Draft } from './object-draft';

const CHOICES: Record<string, Record<string, Label>> = {
  level: RISK_LEVEL_LABELS,
  category: RISK_CATEGORY_LABELS,
  hazardType: GEOHAZARD_TYPE_LABELS,
};

/** A link to the console tab that manages a field now. */
function ManagedIn({ tab, text, testId }: { tab: ConsoleTab; text: string; testId: string }) {
  return (
    <a
      href={window.location.pathname + withConsoleTab(window.location.search, tab)}
      data-testid={testId}
      onClick={(e) => {
        e.preventDefault();
        openInConsole({ tab });
      }}
    >
      {text}
    </a>
  );
}

/** A warehouse's stock as materials holds it (read-only here). */
function WarehouseStock({ id }: { id: string }) {
  const t = useT();
  const lang = useLanguage();
  const lines = useSlice(materialsSlice, (s) => s.stock).filter((l) => l.place.kind === 'warehouse' && l.place.id === id);
  return (
    <div className="field" data-testid="map-form-stock-readonly">
      <span className="field-label">{t('mapForm.field.stock')}</span>
      {lines.length === 0 ? (
        <span className="unset">{t('map.card.noStock')}</span>
      ) : (
        <span>{lines.map((l) => `${l.item} ${formatNumber(l.quantity, lang)} ${l.unit}`).join('；')}</span>
      )}
      <ManagedIn tab="materials" text={t('mapForm.manageInMaterials')} testId="map-form-stock-link" />
    </div>
  );
}

/** A team's status as the teams capability holds it (read-only here). */
function TeamStatus({ id }: { id: string }) {
  const t = useT();
  const label = useLabel();
  const team = useSlice(teamsSlice, (s) => s.teams.find((x) => x.id === id));
  return (
    <div className="field" data-testid="map-form-status-readonly">
      <span className="field-label">{t('mapForm.field.status')}</span>
      <span>{team ? `${label(TEAM_STATUS_LABELS[team.status])} · ${formatTime(team.since)}` : '—'}</span>
      <ManagedIn tab="teams" text={t('mapForm.manageInTeams')} testId="map-form-status-link" />
    </div>
  );
}

export function ObjectFields({ draft, set }: { draft: Draft; set(field: string, value: string | boolean): void }) {
  const t = useT();
  const label = useLabel();
  const saved = typeof draft.id === 'string' && draft.id !== '' ? draft.id : null;
  return (
    <div className="form-row">
      {KIND_FIELDS[draft.kind].map((f) => {
        if (TAKEN_OVER.includes(f)) {
          if (!saved) return null;
          return f === 'stock' ? <WarehouseStock key={f} id={saved} /> : <TeamStatus key={f} id={saved} />;
        }
        const v = draft[f];
        const name = t(`mapForm.field.${f}` as Parameters<typeof t>[0]);
        if (typeof v === 'boolean')
          return (
            <label key={f} className="field">
              <span className="field-label">{name}</span>
              <input type="checkbox" data-testid={`map-form-${f}`} checked={v} onChange={(e) => set(f, e.target.checked)} />
            </label>
          );
        if (CHOICES[f])
          return (
            <Field key={f} label={name}>
              <select data-testid={`map-form-${f}`} value={v} onChange={(e) => set(f, e.target.value)}>
                {Object.entries(CHOICES[f]).map(([k, l]) => (
                  <option key={k} value={k}>
                    {label(l)}
                  </option>
                ))}
              </select>
            </Field>
          );
        return (
          <Field key={f} label={name} hint={f === 'stock' ? t('mapForm.stockHint') : undefined}>
            <input data-testid={`map-form-${f}`} value={v} onChange={(e) => set(f, e.target.value)} />
          </Field>
        );
      })}
    </div>
  );
}
