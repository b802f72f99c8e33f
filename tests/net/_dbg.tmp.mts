import { NetHarness, sleep } from './harness.ts';
import { execSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
function perType(): Record<string, number> { const o: Record<string, number> = {}; for (const p of readdirSync('/proc')) { if (!/^\d+$/.test(p)) continue; try { const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8'); if (!cmd.includes('chromium')) continue; const ty = (/--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser') + (/--utility-sub-type=([a-zA-Z.]+)/.exec(cmd)?.[1] ?? ''); const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' '); o[ty] = (o[ty] ?? 0) + Number(f[11]) + Number(f[12]); } catch {} } return o; }
function chromeTicks(): number { let t = 0; for (const p of readdirSync('/proc')) { if (!/^\d+$/.test(p)) continue; try { const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8'); if (!cmd.includes('chromium')) continue; const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' '); t += Number(f[11]) + Number(f[12]); } catch {} } return t; }
const h = await NetHarness.open({ streets: Number(process.env.S ?? 2) });
try {
  await h.startConsultation({ mode: 'dual' });
  await h.console!.close();
  await sleep(4000);
  const p0 = perType(); const t0 = chromeTicks(); await sleep(10000); const t1 = chromeTicks(); const p1 = perType();
  console.log('cores by type', Object.fromEntries(Object.keys(p1).map(k => [k, ((p1[k] - (p0[k] ?? 0)) / 1000).toFixed(2)])));
  console.log('chromium cores used:', ((t1 - t0) / 100 / 10).toFixed(2));
  for (let i = 0; i < 2; i++) {
    const m = await Promise.all(h.centres.map(c => h.clock(c)));
    await sleep(3000);
    const out = [];
    for (const [i2, c] of h.centres.entries()) for (const o of h.centres) if (o !== c) out.push(`${c.id}<-${o.id}:${(await h.gap(c, o, { from: m[i2], to: await h.clock(c) })).maxGapMs}`);
    console.log('idle gaps', out.join(' '));
  }
} catch (e) { console.log('ERR', (e as Error).message.slice(0, 500)); }
finally { await h.close(); }
