import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openCore } from '../../src-main/core/app';
import { standardLayout } from '../../src-main/core/contract/layouts';
import { insideRing } from '../../src-main/core/map/yuexiu-outline';
import { startHub } from '../../src-main/hub/server';
import { tempDir } from '../support/temp-dir';
const quiet = { info() {}, warn() {}, error() {} };
const tmp = tempDir('cw-probe-');
const core = await openCore({ dataDir: tmp.dir, host: 'hub', log: quiet });
const hub = await startHub({ core, token: 'probe-token-0123456789', hosts: ['127.0.0.1'], port: 0, staticDir: join(process.cwd(), 'out/renderer'), mediaDir: join(tmp.dir, 'media'), log: quiet });
mkdirSync(join(tmp.dir, 'media/cam1'), { recursive: true });
const ff = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=25', '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-g', '25', '-f', 'hls', '-hls_time', '1', '-hls_list_size', '6', '-hls_flags', 'delete_segments+omit_endlist', join(tmp.dir, 'media/cam1/index.m3u8')], { stdio: 'ignore' });
const call = (m: string, p: unknown) => core.dispatch(m, p, { transport: 'local', peer: 'p' });
const rows = ['kind,name,lat,lng,level']; let s = 1;
while (rows.length <= 5000) { s = (s * 1103515245 + 12345) >>> 0; const lat = 23.108 + (s / 2 ** 32) * 0.064; s = (s * 1103515245 + 12345) >>> 0; const lng = 113.236 + (s / 2 ** 32) * 0.082; if (insideRing(lng, lat)) rows.push(`risk,p${rows.length},${lat.toFixed(5)},${lng.toFixed(5)},blue`); }
await call('map.importObjects', { format: 'csv', text: rows.join('\n') });
for (let i = 1; i <= 4; i++) await call('cameras.saveSource', { source: { id: `cam${i}`, name: `c${i}`, kind: 'hls', url: '/media/cam1/index.m3u8' } });
const cells = (process.env.CELLS ?? 'map,cameras,stats,warnings,clock-status,this-centre').split(',').map((c) => c || null);
await call('wall.savePreset', { preset: { id: 'p', name: 'p', layout: standardLayout('3x3'), cells: [...cells, ...Array(9 - cells.length).fill(null)] } });
await call('wall.activate', { display: 0, presetId: 'p' });
await new Promise((r) => setTimeout(r, 3000));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
await page.addInitScript(`window.__lt=[];new PerformanceObserver((l)=>{for(const e of l.getEntries())window.__lt.push([Math.round(e.startTime),Math.round(e.duration)])}).observe({type:'longtask',buffered:true});`);
await page.goto(`http://127.0.0.1:${hub.port}/?token=probe-token-0123456789&view=wall&display=0`);
await page.waitForTimeout(8000);
async function pan(p: any, box: any): Promise<number> {
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2, r = Math.min(box.width, box.height) / 4;
  await p.mouse.move(cx + r, cy); await p.mouse.down();
  await p.evaluate('window.__f = 0; window.__on = true; (function t() { if (window.__on) { window.__f++; requestAnimationFrame(t); } })();');
  const t0 = Date.now(); let i = 0;
  while (Date.now() - t0 < 4000) { const a = (i++ / 30) * Math.PI; await p.mouse.move(cx + r * Math.cos(a), cy + r * Math.sin(a)); await new Promise((res) => setTimeout(res, 8)); }
  const f = await p.evaluate(() => { (window as any).__on = false; return (window as any).__f; });
  await p.mouse.up(); return Math.round(f / ((Date.now() - t0) / 1000));
}
const box = await page.getByTestId('map-leaflet').boundingBox();
const idle = await page.evaluate('new Promise((res) => { let f = 0; const t0 = performance.now(); (function t() { f++; if (performance.now() - t0 < 3000) requestAnimationFrame(t); else res(Math.round(f / 3)); })(); })');
console.log('wall idle rAF fps', idle);
console.log('full wall pan', await pan(page, box), await pan(page, box));
await page.evaluate(() => document.querySelectorAll('video').forEach((v) => v.pause()));
console.log('videos paused pan', await pan(page, box), await pan(page, box));
await call('wall.savePreset', { preset: { id: 'p', name: 'p', layout: standardLayout('3x3'), cells: ['map', null, null, null, null, null, null, null, null] } });
await page.waitForTimeout(3000);
console.log('map only pan', await pan(page, box), await pan(page, box));
await browser.close(); ff.kill('SIGKILL'); await hub.close(); await core.close(); tmp.remove();
