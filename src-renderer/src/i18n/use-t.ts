// React access to the translator, following settings.language from the app slice.
import { useMemo } from 'react';
import { appSlice } from '../state/app/app-slice';
import { useSlice } from '../state/context';
import { DEFAULT_LANGUAGE, translator, type Language, type Translate } from './index';

export function useLanguage(): Language {
  return useSlice(appSlice, (s) => s.settings?.language ?? DEFAULT_LANGUAGE);
}

export function useT(): Translate {
  const lang = useLanguage();
  return useMemo(() => translator(lang), [lang]);
}
