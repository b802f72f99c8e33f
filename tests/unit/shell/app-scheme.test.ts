// The desktop app's pages come from app://wall/, served from the built renderer folder only
// (src-main/shell/app-scheme.ts, wired to Electron's protocol.handle in shell/security.ts).
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_CSP_META } from '../../../src-main/core/page-policy';
import { APP_CSP, APP_ORIGIN, appPageUrl, appResponse, isOurOrigin, resolveAppPath } from '../../../src-main/shell/app-scheme';
import { tempDir } from '../../support/temp-dir';

describe('app:// origin', () => {
  it('is ours for our host, whatever page or query, and for nothing else', () => {
    expect(APP_ORIGIN).toBe('app://wall');
    expect(appPageUrl({ view: 'wall', display: '1' })).toBe('app://wall/index.html?view=wall&display=1');
    for (const ok of [
      'app://wall/index.html?view=wall&display=0',
      'app://wall/index.html?view=print-log&from=2026-01-01',
      'app://wall',
      'app://wall/',
      'app://WALL/assets/x.js',
    ]) {
      expect(isOurOrigin(ok), ok).toBe(true);
    }
    for (const no of [
      'file:///opt/command-wall/resources/app.asar/out/renderer/index.html',
      'file://',
      'app://other/index.html',
      'app://wall.evil.example/index.html',
      'app://wall:8080/index.html',
      'app://user@wall/index.html',
      'http://wall/index.html',
      'https://127.0.0.1:4310/',
      'null',
      '',
      'not a url',
    ]) {
      expect(isOurOrigin(no), no).toBe(false);
    }
  });

  it('trusts the dev server only when given, and only its origin', () => {
    expect(isOurOrigin('http://localhost:5173/?view=wall', 'http://localhost:5173')).toBe(true);
    expect(isOurOrigin('http://localhost:5173/?view=wall')).toBe(false);
    expect(isOurOrigin('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isOurOrigin('file:///tmp/index.html', 'http://localhost:5173')).toBe(false);
  });
});

describe('app:// files', () => {
  const tmp = tempDir('cw-app-scheme-');
  const root = join(tmp.dir, 'renderer');
  beforeAll(() => {
    mkdirSync(join(root, 'assets', 'sub'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {}');
    writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
    writeFileSync(join(root, 'assets', 'sql-wasm.wasm'), Buffer.from([0, 97, 115, 109]));
    writeFileSync(join(root, 'assets', 'sub', '中文 名.svg'), '<svg/>');
    writeFileSync(join(root, 'assets', 'notes.unknownext'), 'x');
    writeFileSync(join(tmp.dir, 'secret.txt'), 'outside the renderer folder');
    writeFileSync(join(tmp.dir, 'secret.js'), 'outside the renderer folder');
    // A link that stays inside the folder is followed; one that leaves it is not.
    symlinkSync(join(root, 'index.html'), join(root, 'assets', 'inside-link.html'));
    symlinkSync(join(tmp.dir, 'secret.js'), join(root, 'assets', 'outside-link.js'));
    symlinkSync(tmp.dir, join(root, 'assets', 'outside-dir'));
  });
  afterAll(() => tmp.remove());

  it('serves files of the renderer folder with their MIME types', async () => {
    expect(await resolveAppPath(root, 'app://wall/index.html?view=wall&display=0')).toEqual({
      path: join(root, 'index.html'),
      type: 'text/html; charset=utf-8',
    });
    expect((await resolveAppPath(root, 'app://wall/assets/index-abc.js'))?.type).toBe('text/javascript; charset=utf-8');
    expect((await resolveAppPath(root, 'app://wall/assets/index-abc.css#x'))?.type).toBe('text/css; charset=utf-8');
    expect((await resolveAppPath(root, 'app://wall/assets/sql-wasm.wasm'))?.type).toBe('application/wasm');
    expect(await resolveAppPath(root, `app://wall/assets/sub/${encodeURIComponent('中文 名.svg')}`)).toEqual({
      path: join(root, 'assets', 'sub', '中文 名.svg'),
      type: 'image/svg+xml',
    });
    expect((await resolveAppPath(root, 'app://wall/assets/inside-link.html'))?.path).toBe(join(root, 'index.html'));
  });

  it('refuses traversal, encoded traversal, links out of the folder, other hosts and schemes', async () => {
    for (const url of [
      'app://wall/../secret.txt',
      'app://wall/assets/../../secret.txt',
      'app://wall/%2e%2e/secret.txt',
      'app://wall/..%2fsecret.txt',
      'app://wall/assets%2f..%2f..%2fsecret.txt',
      'app://wall/%2e%2e%2fsecret.txt',
      'app://wall/..%5csecret.txt',
      'app://wall/assets\\..\\..\\secret.txt',
      `app://wall/${encodeURIComponent(join(tmp.dir, 'secret.txt'))}`,
      'app://wall/%00index.html',
      'app://wall/index.html%00.js',
      'app://wall/%E0%A4%A',
      'app://wall/assets/outside-link.js',
      'app://wall/assets/outside-dir/secret.js',
      'app://wall/assets/outside-dir/secret.txt',
      'app://wall/',
      'app://wall/assets',
      'app://wall/assets/missing.js',
      'app://wall/assets/notes.unknownext',
      'app://other/index.html',
      'app://wall:1/index.html',
      `file://${join(root, 'index.html')}`,
      'http://wall/index.html',
      'not a url',
    ]) {
      expect(await resolveAppPath(root, url), url).toBeNull();
    }
  });

  it('answers our pages, 404 otherwise, and refuses requests a foreign page started', async () => {
    const page = await appResponse(root, { url: 'app://wall/assets/index-abc.js', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.path).toBe(join(root, 'assets', 'index-abc.js'));
    expect(page.headers).toMatchObject({
      'Content-Type': 'text/javascript; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': APP_CSP,
    });
    expect((await appResponse(root, { url: 'app://wall/index.html', method: 'GET', initiatorOrigin: 'app://wall' })).status).toBe(200);
    expect((await appResponse(root, { url: 'app://wall/index.html', method: 'HEAD' })).status).toBe(200);
    expect((await appResponse(root, { url: 'app://wall/../secret.txt', method: 'GET' })).status).toBe(404);
    expect((await appResponse(root, { url: 'app://wall/assets/outside-link.js', method: 'GET' })).path).toBeUndefined();
    expect((await appResponse(root, { url: 'app://wall/index.html', method: 'POST' })).status).toBe(405);
    for (const initiatorOrigin of ['https://tiles.example', 'file://', 'null']) {
      expect((await appResponse(root, { url: 'app://wall/index.html', method: 'GET', initiatorOrigin })).status, initiatorOrigin).toBe(403);
    }
  });
});

describe('the policy app:// pages get as a header', () => {
  it("is the page's own meta policy, plus what only a header can say", () => {
    const directives = (p: string) =>
      new Map(
        p
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name, ...values]) => [name, values.join(' ')]),
      );
    const header = directives(APP_CSP);
    expect(header.get('frame-ancestors')).toBe("'none'");
    header.delete('frame-ancestors');
    expect(header).toEqual(directives(PAGE_CSP_META));
    // sql.js compiles WebAssembly; workers and modules load from our own origin.
    expect(header.get('script-src')).toBe("'self' 'wasm-unsafe-eval'");
  });

  it('is written into index.html by the build, from the same source', () => {
    const html = readFileSync(join(__dirname, '../../../src-renderer/index.html'), 'utf8');
    expect(html).toMatch(/http-equiv="Content-Security-Policy"\s+content="%PAGE_CSP%"/);
  });
});
