// Picks the page for this window and keeps the document's language and title in step.
import { lazy, Suspense, useEffect } from 'react';
import { localeOf } from '../i18n';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorBanner } from '../shared/ErrorBanner';
import { WallPage } from '../wall/WallPage';
import type { Route } from './route';

// The console and the print page are chunks of their own: a wall display, which must come up
// fast after a restart, never parses their code (about a third of the app).
const ConsolePage = lazy(() => import('../console/ConsolePage').then((m) => ({ default: m.ConsolePage })));
const PrintLogPage = lazy(() => import('../console/duty/print/PrintLogPage').then((m) => ({ default: m.PrintLogPage })));

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
      {route.view === 'wall' ? (
        <WallPage display={route.display} />
      ) : (
        <Suspense fallback={null}>{route.view === 'console' ? <ConsolePage /> : <PrintLogPage />}</Suspense>
      )}
    </>
  );
}
