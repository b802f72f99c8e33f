import { NetHarness, sleep } from './harness.ts';
const t0 = Date.now();
const h = await NetHarness.open({ streets: 2, log: (m) => console.log(((Date.now()-t0)/1000).toFixed(1), m) });
try {
  console.log('open in', Date.now() - t0);
  const id = await h.startConsultation({ mode: 'dual' });
  console.log('started', id, Date.now() - t0);
  await sleep(4000);
  console.log(await h.firstFrames());
  for (const c of h.centres) console.log(c.id, await c.wall!.locator('[data-testid="consult-remote"]').evaluateAll(els => els.map(e => e.textContent + ' shown=' + e.getAttribute('data-shown'))));
  await h.district.wall!.screenshot({ path: '/tmp/cwnet-district.png' });
} catch (e) { console.log('ERR', (e as Error).message.slice(0, 500)); await h.console!.screenshot({ path: '/tmp/cwnet-console.png', fullPage: true }); console.log(await h.console!.getByTestId('consult-console').innerText()); }
finally { await h.close(); }
