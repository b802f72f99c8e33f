// Search by name and filter by street, over the map's top-left corner.
import { useState } from 'react';
import { YUEXIU_STREETS, type StreetName } from '@contract/yuexiu';
import { useLanguage, useT } from '../../i18n/use-t';
import type { Feature } from './features';

const MAX_RESULTS = 8;

interface Props {
  features: readonly Feature[];
  street: StreetName | null;
  onStreet(s: StreetName | null): void;
  onPick(f: Feature): void;
}

export function MapToolbar({ features, street, onStreet, onPick }: Props) {
  const t = useT();
  const lang = useLanguage();
  const [q, setQ] = useState('');
  const needle = q.trim().toLowerCase();
  const results = needle ? features.filter((f) => f.name.toLowerCase().includes(needle)).slice(0, MAX_RESULTS) : [];
  return (
    <div className="map-toolbar">
      <div className="map-search">
        <input
          type="search"
          value={q}
          placeholder={t('map.searchPlaceholder')}
          aria-label={t('map.search')}
          data-testid="map-search"
          onChange={(e) => setQ(e.target.value)}
        />
        {needle && (
          <ul className="map-search-results" data-testid="map-search-results">
            {results.length === 0 && <li className="unset">{t('map.noMatch')}</li>}
            {results.map((f) => (
              <li key={f.key}>
                <button
                  type="button"
                  data-testid="map-search-result"
                  onClick={() => {
                    onPick(f);
                    setQ('');
                  }}
                >
                  <span className="map-swatch" style={{ background: f.colour }} /> {f.name}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <select
        aria-label={t('map.street')}
        data-testid="map-street-filter"
        value={street ?? ''}
        onChange={(e) => onStreet((e.target.value || null) as StreetName | null)}
      >
        <option value="">{t('map.allStreets')}</option>
        {YUEXIU_STREETS.map((s) => (
          <option key={s.name} value={s.name}>
            {lang === 'en' ? s.nameEn : s.name}
          </option>
        ))}
      </select>
    </div>
  );
}
