// Switches the language of every open page: it is a setting, so the server pushes it to all.
import { useLanguage, useT } from '../i18n/use-t';
import { appSlice } from '../state/app/app-slice';
import { useCommands } from '../state/context';

export function LanguageToggle() {
  const t = useT();
  const lang = useLanguage();
  const { setLanguage } = useCommands(appSlice);
  return (
    <button
      type="button"
      className="language-toggle"
      data-testid="language-toggle"
      data-language={lang}
      title={t('console.language')}
      onClick={() => void setLanguage(lang === 'en' ? 'zh-CN' : 'en')}
    >
      {t('console.switchLanguage')}
    </button>
  );
}
