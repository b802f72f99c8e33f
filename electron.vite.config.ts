import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { PAGE_CSP_META } from './src-main/core/page-policy';

// One build, three targets. The main target also emits the headless hub (out/main/hub.js),
// which runs under plain Node: it never imports `electron`, so `npm run hub` and the
// browser-mode fallback of `npm start` work on machines without the Electron binary.
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          hub: resolve(__dirname, 'src-main/hub/cli.ts'),
        },
      },
    },
  },
  preload: {
    // Sandboxed preloads cannot require() npm packages at run time, so everything is bundled in.
    build: {
      rollupOptions: { input: { preload: resolve(__dirname, 'src-main/preload.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    resolve: { alias: { '@contract': resolve(__dirname, 'src-main/core/contract') } },
    // The page's policy has one source (page-policy.ts), shared with the hub's and app://'s header.
    plugins: [react(), { name: 'page-policy', transformIndexHtml: (html: string) => html.replace('%PAGE_CSP%', PAGE_CSP_META) }],
    build: {
      // The wall loads from disk, but a smaller bundle still parses faster on a console PC.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
