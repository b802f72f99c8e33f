// Renderer entry. The first three imports run in this order before anything else: zod-setup
// (see that file), early-start (the chart worker), early-connect (the hub connection).
import './zod-setup';
import './app/early-start';
import './app/early-connect';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { parseRoute } from './app/route';
import { pageClient } from './client';
import { StoreProvider } from './state/context';
import { connectStore, createAppStore } from './state/store';
import './styles/base.css';
import './styles/wall.css';
import './styles/panels.css';
import './styles/console.css';

const route = parseRoute(window.location.search);
document.body.classList.add(`view-${route.view}`);

const client = pageClient();
stripTokenFromAddressBar();
const store = createAppStore(client);
connectStore(store, client);

/** The hub's cookie now authenticates this page; the token should not linger in history or on screen. */
function stripTokenFromAddressBar(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App route={route} />
    </StoreProvider>
  </StrictMode>,
);
