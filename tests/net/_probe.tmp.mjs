import { chromium } from 'playwright-core';
import http from 'node:http';
const srv = http.createServer((q, r) => { r.writeHead(200, {'content-type':'text/html'}); r.end('<html><body></body></html>'); }).listen(0, '127.0.0.1');
await new Promise(r => srv.once('listening', r));
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--use-fake-device-for-media-stream','--use-fake-ui-for-media-stream'] });
const p = await b.newPage();
await p.goto('http://127.0.0.1:' + srv.address().port + '/');
console.log(await p.evaluate(async () => {
  const s = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240, frameRate: 30 }, audio: true });
  // two videos stacked: does rVFC fire for the occluded one?
  const mk = (z) => { const v = document.createElement('video'); v.muted = true; v.autoplay = true; v.playsInline = true; v.style.cssText = `position:absolute;left:0;top:0;width:320px;height:240px;z-index:${z}`; v.srcObject = new MediaStream([s.getVideoTracks()[0].clone()]); document.body.appendChild(v); return v; };
  const a = mk(2), bb = mk(1);
  const count = (v) => new Promise(res => { let n = 0; const t0 = performance.now(); const cb = () => { n++; if (performance.now() - t0 < 2000) v.requestVideoFrameCallback(cb); else res(n); }; v.requestVideoFrameCallback(cb); });
  const [na, nb] = await Promise.all([count(a), count(bb)]);
  return { gen: typeof MediaStreamTrackGenerator, proc: typeof MediaStreamTrackProcessor, vtg: typeof VideoTrackGenerator, rvfc: typeof HTMLVideoElement.prototype.requestVideoFrameCallback, na, nb, tracks: s.getTracks().map(t => t.kind + ':' + JSON.stringify(t.getSettings())) };
}));
await b.close(); srv.close();
