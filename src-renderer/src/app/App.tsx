// Picks the page for this window and keeps the document's language and title in step.
import { lazy, Suspense, useEffect } from 'react';
import { localeOf } from '../i18n';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorBanner } from '../shared/ErrorBanner';
import { appSlice } from '../state/app/app-slice';
import { centreSlice } from '../state/centre/centre-slice';
import { dutySlice } from '../state/duty/duty-slice';
import { plansSlice } from '../state/plans/plans-slice';
import type { AnySlice } from '../state/slice';
import { wallSlice } from '../state/wall/wall-slice';
import { WallPage } from '../wall/WallPage';
import type { Route } from './route';

// The console and the print page are chunks of their own: a wall display, which must come up
// fast after a restart, never parses their code (about a third of the app).
const ConsolePage = lazy(() => import('../console/ConsolePage').then((m) => ({ default: m.ConsolePage })));
const PrintLogPage = lazy(() => import('../console/duty/print/PrintLogPage').then((m) => ({ default: m.PrintLogPage })));

/** The slices whose refusals the page-wide banner shows; the others show theirs beside their forms. */
const BANNER_SLICES: readonly AnySlice[] = [appSlice, wallSlice, centreSlice, dutySlice, plansSlice];

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
      <ErrorBanner slices={BANNER_SLICES} />
      {route.view === 'wall' ? (
        <WallPage display={route.display} />
      ) : (
        <Suspense fallback={null}>{route.view === 'console' ? <ConsolePage /> : <PrintLogPage />}</Suspense>
      )}
    </>
  );
}
