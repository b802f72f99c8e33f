import { describe, expect, it } from 'vitest';
import { parseHubArgs, UsageError } from '../../../src-main/hub/cli-args';
import { resolveUnder } from '../../../src-main/hub/static-files';

describe('static files', () => {
  it('serves index.html for / and never a path outside the root', () => {
    expect(resolveUnder('/srv/ui', '/')).toBe('/srv/ui/index.html');
    expect(resolveUnder('/srv/ui', '/assets/a.js')).toBe('/srv/ui/assets/a.js');
    expect(resolveUnder('/srv/ui', '/../etc/passwd')).toBe('/srv/ui/etc/passwd');
    expect(resolveUnder('/srv/ui', '/%2e%2e/%2e%2e/etc/passwd')).toBe('/srv/ui/etc/passwd');
    expect(resolveUnder('/srv/ui', '/a/%00')).toBeNull();
    expect(resolveUnder('/srv/ui', '/%E0%A4%A')).toBeNull();
  });
});

describe('hub flags', () => {
  it('takes several hosts, a port and a token', () => {
    expect(parseHubArgs(['--data', '/d', '--port', '5000', '--host', '10.0.0.1', '--host', '10.1.0.1', '--token', 'abcdefgh'])).toMatchObject({
      dataDir: '/d',
      port: 5000,
      hosts: ['10.0.0.1', '10.1.0.1'],
      token: 'abcdefgh',
    });
  });
  it('defaults to loopback on 4310', () => {
    expect(parseHubArgs([])).toMatchObject({ port: 4310, hosts: ['127.0.0.1'] });
  });
  it('names what is wrong', () => {
    expect(() => parseHubArgs(['--port', 'x'])).toThrow(/--port must be a whole number/);
    expect(() => parseHubArgs(['--host'])).toThrow(/--host needs a value/);
    expect(() => parseHubArgs(['--token', 'short'])).toThrow(/at least 8/);
    expect(() => parseHubArgs(['--frobnicate'])).toThrow(UsageError);
  });
});
