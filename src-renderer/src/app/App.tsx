// Picks the page for this window and keeps the document's language and title in step.
import { useEffect } from 'react';
import { ConsolePage } from '../console/ConsolePage';
import { PrintLogPage } from '../console/duty/print/PrintLogPage';
import { localeOf } from '../i18n';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorBanner } from '../shared/ErrorBanner';
import { WallPage } from '../wall/WallPage';
import type { Route } from './route';

function useDocumentLanguage(route: Route): void {
  const t = useT();
  const lang = useLanguage();
  useEffect(() => {
    document.documentElement.lang = localeOf(lang);
    document.title =
      route.view === 'console'
        ? `${t('console.title')} · ${t('app.title')}`
        : route.view === 'print-log'
          ? `${t('printLog.title')} · ${t('app.title')}`
          : t('wall.title', { n: route.display + 1 });
  }, [lang, t, route]);
}

export function App({ route }: { route: Route }) {
  useDocumentLanguage(route);
  return (
    <>
      <ErrorBanner />
      {route.view === 'console' ? <ConsolePage /> : route.view === 'print-log' ? <PrintLogPage /> : <WallPage display={route.display} />}
    </>
  );
}
