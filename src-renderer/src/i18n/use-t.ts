// React access to the translator, following settings.language from the store.
import { useMemo } from 'react';
import { useApp } from '../state/context';
import { DEFAULT_LANGUAGE, translator, type Language, type Translate } from './index';

export function useLanguage(): Language {
  return useApp((s) => s.settings?.language ?? DEFAULT_LANGUAGE);
}

export function useT(): Translate {
  const lang = useLanguage();
  return useMemo(() => translator(lang), [lang]);
}
