// Bilingual labels that the contract carries ({ zh, en }: roles, categories, statuses…) in the
// page's language.
import { useCallback } from 'react';
import type { Label } from '@contract/primitives';
import { useLanguage } from '../i18n/use-t';

export type { Label };

export function useLabel(): (label: Label) => string {
  const lang = useLanguage();
  return useCallback((label: Label) => (lang === 'en' ? label.en : label.zh), [lang]);
}
