// The one Content-Security-Policy of our pages, wherever they are served: in the page itself
// (index.html's meta, written by the build from PAGE_CSP_META), as a header by the hub in
// browser mode and by the desktop app's app:// handler (PAGE_CSP_HEADER, which also covers the
// chart and HLS workers and adds frame-ancestors, which only a header can say).
// No remote code, no remote fonts. img-src and connect-src also allow http:/https: hosts because
// the operator configures tile servers (images) and cameras (HLS playlists and segments fetched by
// hls.js, WHEP offers) on intranet hosts whose addresses are not known when the app is built, and
// a CSP cannot name address ranges. connect-src also allows ws:/wss: hosts: a street centre's page
// keeps one signalling socket to the district hub on each link (src-renderer/src/client/dual-hub.ts), at the
// addresses its configuration names ('self' covers only a socket back to the page's own host).
// Nothing else widens: scripts, workers (hls.js loads its worker from our own files, so no blob:
// workers), styles, fonts and frames stay our own origin only. sql.js compiles WebAssembly
// ('wasm-unsafe-eval'). On app:// (a standard scheme) 'self' is app://wall. The hall has no internet.
// Runs anywhere: no Node, no Electron (the build config imports it too).

export const PAGE_CSP_META =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: http: https:; media-src 'self' blob: mediastream:; connect-src 'self' http: https: ws: wss:; object-src 'none'; base-uri 'none'; form-action 'none'";

export const PAGE_CSP_HEADER = `${PAGE_CSP_META}; frame-ancestors 'none'`;
