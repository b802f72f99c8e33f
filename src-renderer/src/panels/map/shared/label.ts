// Bilingual labels that the contract carries ({ zh, en }) in the page's language.
import type { Label } from '@contract/duty';
import { useLanguage } from '../../../i18n/use-t';

export type { Label };

export function useLabel(): (l: Label) => string {
  const lang = useLanguage();
  return (l) => (lang === 'en' ? l.en : l.zh);
}
