// Operator-supplied text on the wall stays text (issue 12, rows 4 and 13), in Chromium against
// the built hub: a tile source's attribution with markup is shown as its characters, and a
// chart's SVG reaches the page only through the allow-list sanitizer (svg-sanitize.ts), even
// when the remembered copy in the browser profile has been tampered with.
import { expect, test, type Page } from '@playwright/test';
import { PAGE_CSP_HEADER, PAGE_CSP_META } from '../../src-main/core/page-policy';
import { hubForSpec, must, offline, shots } from './map-support';

const spec = hubForSpec('hardening-render', '2x2', ['map', 'stats']);

const wallUrl = () => `${spec.hub.origin}/?token=${spec.hub.token}&view=wall&display=0`;
/** Where the wall page stays: its address once it has taken the token out of it (main.tsx). */
const wallAddress = () => `${spec.hub.origin}/?view=wall&display=0`;

/** What an operator could type into the console's attribution field (under its 200 characters). */
const ATTRIBUTION = '<style>body{filter:invert(1)}</style><meta http-equiv="refresh" content="0;url=about:blank"><b id="pwn">x</b>';

const bodyFilter = (page: Page) => page.evaluate(() => getComputedStyle(document.body).filter);

test('a tile source attribution with markup is shown as text: no style, no refresh, no element', async ({ page }) => {
  const outside = await offline(page, spec.hub.origin);
  await page.goto(wallUrl());
  const leaflet = page.getByTestId('map-leaflet');
  await expect(leaflet).toHaveAttribute('data-basemap', 'outline', { timeout: 15_000 });
  await must(spec.sock, 'map.saveSource', {
    source: { type: 'xyz', id: 'markup', name: '内网瓦片', crs: 'wgs84', url: '/e2e-tiles/{z}/{x}/{y}.png', attribution: ATTRIBUTION },
  });
  await must(spec.sock, 'map.activateSource', { id: 'markup' });
  await expect(leaflet).toHaveAttribute('data-basemap', 'xyz');
  await expect(page.locator('.leaflet-control-attribution')).toContainText(ATTRIBUTION);
  // A refresh would have fired at once; give it time anyway.
  await page.waitForTimeout(2_000);
  expect(page.url()).toBe(wallAddress());
  await expect(page.locator('#pwn')).toHaveCount(0);
  await expect(page.locator('.leaflet-control-attribution style, .leaflet-control-attribution meta')).toHaveCount(0);
  expect(await bodyFilter(page)).toBe('none');
  await page.screenshot({ path: `${shots}/hardening-attribution.png` });
  await must(spec.sock, 'map.activateSource', { id: null });
  await must(spec.sock, 'map.removeSource', { id: 'markup' });
  expect(outside).toEqual([]);
});

/** Well-formed SVG with everything the sanitizer must drop, around what it must keep. */
const CRAFTED_SVG = [
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:h="http://www.w3.org/1999/xhtml" width="300" height="150" viewBox="0 0 300 150" onload="window.cwPwned=1">',
  '<style>body{filter:invert(1)}</style>',
  '<script>window.cwPwned=2</script>',
  '<defs><linearGradient id="keep-grad"><stop offset="0" stop-color="#fff"/></linearGradient></defs>',
  '<rect class="keep" width="10" height="10" fill="url(#keep-grad)" onclick="window.cwPwned=3" style="fill:url(http://127.0.0.1:9/x.png);stroke:#fff;position:fixed"/>',
  '<image href="http://127.0.0.1:9/x.png" onerror="window.cwPwned=4"/>',
  '<a href="javascript:window.cwPwned=5"><text x="1" y="1">link</text></a>',
  '<use xlink:href="http://127.0.0.1:9/sprite.svg#a"/>',
  '<foreignObject width="100" height="100"><h:div id="pwn-fo">html</h:div></foreignObject>',
  '<path d="M0 0L10 10" stroke="#fff"><set attributeName="stroke" to="red"/><animate attributeName="d" to="M0 0"/></path>',
  '<h:b id="pwn-b">html</h:b>',
  '<text x="5" y="40" style="font-size:12px;font-family:sans-serif">SAFE-LABEL &lt;b id="pwn"&gt;</text>',
  '<!-- a comment --><?pi x?>',
  '</svg>',
].join('');

test('chart SVG is sanitized before it reaches the page, even from a tampered profile', async ({ page }) => {
  const outside = await offline(page, spec.hub.origin);
  await page.goto(wallUrl());
  const charts = ['stats-chart-table1', 'stats-chart-table2', 'stats-chart-live'];
  for (const id of charts) await expect(page.getByTestId(id)).toHaveAttribute('data-rendered', 'true', { timeout: 15_000 });
  // What ECharts drew survives the sanitizer whole: every path and text of the string is drawn.
  for (const id of charts) {
    const { paths, texts, stored } = await page.getByTestId(id).evaluate((el, key) => {
      const raw = localStorage.getItem(key);
      const svg = raw ? (JSON.parse(raw) as { svg: string }).svg : '';
      return {
        paths: el.querySelectorAll('svg path').length,
        texts: el.querySelectorAll('svg text').length,
        stored: { paths: (svg.match(/<path /g) ?? []).length, texts: (svg.match(/<text /g) ?? []).length },
      };
    }, `command-wall.chart.${id}`);
    expect(stored.paths, id).toBeGreaterThan(5);
    expect({ paths, texts }, id).toEqual(stored);
  }

  // Someone with the profile rewrites every remembered chart (same key, so it is shown as it is).
  await page.evaluate((svg) => {
    for (const k of Object.keys(localStorage).filter((k) => k.startsWith('command-wall.chart.'))) {
      const entry = JSON.parse(localStorage.getItem(k)!) as { key: string; svg: string };
      localStorage.setItem(k, JSON.stringify({ key: entry.key, svg }));
    }
  }, CRAFTED_SVG);
  await page.reload();
  for (const id of charts) await expect(page.getByTestId(id)).toContainText('SAFE-LABEL <b id="pwn">');
  await page.waitForTimeout(500);
  const found = await page.evaluate(() => {
    const root = document.querySelectorAll('[data-testid^="stats-chart-"]');
    const inCharts = (sel: string) => [...root].reduce((n, el) => n + el.querySelectorAll(sel).length, 0);
    const attrs = [...root].flatMap((el) => [...el.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => `${e.localName} ${a.name}=${a.value}`)));
    return {
      dropped: inCharts('style, script, image, a, use, foreignObject, set, animate, b, div'),
      kept: { rect: inCharts('rect'), gradient: inCharts('linearGradient#keep-grad'), path: inCharts('path') },
      handlers: attrs.filter((a) => /^\S+ on/i.test(a)),
      foreign: attrs.filter((a) => /url\((?!#)|javascript:|href=(?!#)/i.test(a) || / style=.*position/.test(a)),
      pwned: (window as unknown as { cwPwned?: number }).cwPwned ?? null,
    };
  });
  expect(found).toEqual({ dropped: 0, kept: { rect: 3, gradient: 3, path: 3 }, handlers: [], foreign: [], pwned: null });
  await expect(page.locator('#pwn, #pwn-fo, #pwn-b')).toHaveCount(0);
  expect(await bodyFilter(page)).toBe('none');
  await page.screenshot({ path: `${shots}/hardening-charts.png` });
  // Cleaned up for whoever uses this profile next: the charts are drawn afresh on a new option.
  await page.evaluate(() => Object.keys(localStorage).forEach((k) => k.startsWith('command-wall.chart.') && localStorage.removeItem(k)));
  expect(outside).toEqual([]);
});

test('the built page carries the one page policy, and the hub sends it as a header', async ({ page }) => {
  const res = await page.goto(wallUrl());
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(PAGE_CSP_META);
  expect(res?.headers()['content-security-policy']).toBe(PAGE_CSP_HEADER);
});
