// Renderer entry. The first three imports run in this order before anything else: zod-setup
// (see that file), early-start (the chart worker), early-connect (the hub connection).
import './zod-setup';
import './app/early-start';
import './app/early-connect';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { parseRoute } from './app/route';
import { pageClient } from './client';
import { appSlice } from './state/app/app-slice';
import { adoptMachineCredential } from './state/identity/machine-credential';
import { SliceHostProvider } from './state/context';
import { SliceHost } from './state/slice';
import './styles/base.css';
import './styles/wall.css';
import './styles/panels.css';
import './styles/console.css';

const SetupPage = lazy(() => import('./setup/SetupPage').then((m) => ({ default: m.SetupPage })));

const route = parseRoute(window.location.search);
document.body.classList.add(`view-${route.view}`);

if (route.view === 'setup') renderSetup();
else renderApp();

/** The desktop app's first run: no server to talk to yet, only the choice of this machine's role. */
function renderSetup(): void {
  createRoot(rootElement()).render(
    <StrictMode>
      <Suspense fallback={null}>
        <SetupPage />
      </Suspense>
    </StrictMode>,
  );
}

function renderApp(): void {
  const client = pageClient();
  stripTokenFromAddressBar();
  // An enrolled machine's credential handed over in the address's fragment goes to storage (wall and console alike).
  adoptMachineCredential();
  const host = new SliceHost(client);
  // The foundation (link status, server clock, settings, the acting person) is live for the page's life.
  host.get(appSlice).hold();

  createRoot(rootElement()).render(
    <StrictMode>
      <SliceHostProvider host={host}>
        <App route={route} />
      </SliceHostProvider>
    </StrictMode>,
  );
}

/** The hub's cookie now authenticates this page; the token should not linger in history or on screen. */
function stripTokenFromAddressBar(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

function rootElement(): HTMLElement {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  return root;
}
