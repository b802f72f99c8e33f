import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { openCore } from '../../src-main/core/app';
import { standardLayout } from '../../src-main/core/contract/layouts';
import { insideRing } from '../../src-main/core/map/yuexiu-outline';
import { startHub } from '../../src-main/hub/server';
import { tempDir } from '../support/temp-dir';
const quiet = { info() {}, warn() {}, error() {} };
const tmp = tempDir('cw-probe-');
const core = await openCore({ dataDir: tmp.dir, host: 'hub', log: quiet });
const hub = await startHub({ core, token: 'probe-token-0123456789', hosts: ['127.0.0.1'], port: 0, staticDir: join(process.cwd(), 'out/renderer'), log: quiet });
const call = (m: string, p: unknown) => core.dispatch(m, p, { transport: 'local', peer: 'p' });
const rows = ['kind,name,lat,lng,level']; let s = 1;
while (rows.length <= 5000) { s = (s * 1103515245 + 12345) >>> 0; const lat = 23.108 + (s / 2 ** 32) * 0.064; s = (s * 1103515245 + 12345) >>> 0; const lng = 113.236 + (s / 2 ** 32) * 0.082; if (insideRing(lng, lat)) rows.push(`risk,p${rows.length},${lat.toFixed(5)},${lng.toFixed(5)},blue`); }
await call('map.importObjects', { format: 'csv', text: rows.join('\n') });
const cells = (process.env.CELLS ?? 'map').split(',').map((c) => c || null);
await call('wall.savePreset', { preset: { id: 'p', name: 'p', layout: standardLayout('3x3'), cells: [...cells, ...Array(9 - cells.length).fill(null)] } });
await call('wall.activate', { display: 0, presetId: 'p' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
await page.addInitScript(`window.__lt=[];new PerformanceObserver((l)=>{for(const e of l.getEntries())window.__lt.push([Math.round(e.startTime),Math.round(e.duration)])}).observe({type:'longtask',buffered:true});`);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start');
const t0 = Date.now();
await page.goto(`http://127.0.0.1:${hub.port}/?token=probe-token-0123456789&view=wall&display=0`);
await page.waitForFunction(() => (document.querySelector('[data-testid="map-leaflet"]') as HTMLElement | null)?.dataset.features === '5000', null, { timeout: 60000, polling: 50 });
console.log('ready', Date.now() - t0);
const { profile } = await cdp.send('Profiler.stop');
console.log('longtasks', JSON.stringify(await page.evaluate(() => (window as any).__lt)));
const res = await page.evaluate(() => performance.getEntriesByType('resource').map((r: any) => [r.name.split('/').pop().slice(0, 30), Math.round(r.startTime), Math.round(r.responseEnd)]));
console.log('resources', JSON.stringify(res));
// self time by function
const self = new Map<string, number>(); const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
const dt = profile.timeDeltas; for (let i = 0; i < profile.samples.length; i++) { const n: any = byId.get(profile.samples[i]); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000); }
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0)}ms ${k}`).join('\n'));
await browser.close(); await hub.close(); await core.close(); tmp.remove();
