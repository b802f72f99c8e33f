import { afterAll, describe, expect, it } from 'vitest';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadToken, sameOrigin, SESSION_IDLE_MS, Sessions, TOKEN_ENV } from '../../../src-main/hub/auth';
import { tempDir } from '../../support/temp-dir';
import { parseHubArgs, UsageError } from '../../../src-main/hub/cli-args';

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

describe('the token', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());

  it('comes from a token file, made with a new token readable by its owner only when missing', () => {
    const file = join(tmp.dir, 'token');
    const made = loadToken({ tokenFile: file }, {});
    expect(made.token.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // A restarted hub reads the same token back, so the wall's URLs stay valid.
    expect(loadToken({ tokenFile: file }, {}).token).toBe(made.token);
  });

  it('tightens a token file others can read', () => {
    const file = join(tmp.dir, 'loose');
    writeFileSync(file, 'a-token-of-enough-length\n', { mode: 0o644 });
    expect(loadToken({ tokenFile: file }, {}).token).toBe('a-token-of-enough-length');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('comes from COMMAND_WALL_TOKEN when no flag names one, and is never too short', () => {
    expect(loadToken({}, { [TOKEN_ENV]: 'from-the-environment' })).toMatchObject({ token: 'from-the-environment', source: TOKEN_ENV });
    expect(() => loadToken({}, { [TOKEN_ENV]: 'short' })).toThrow(/at least 8/);
    expect(loadToken({ token: 'from-the-flag' }, { [TOKEN_ENV]: 'from-the-environment' }).token).toBe('from-the-flag');
  });

  it('takes --token-file, but not together with --token', () => {
    expect(parseHubArgs(['--token-file', '/etc/cw/token'])).toMatchObject({ tokenFile: '/etc/cw/token' });
    expect(() => parseHubArgs(['--token-file', '/x', '--token', 'abcdefgh'])).toThrow(/not both/);
  });
});

describe('browser sessions', () => {
  it('end after they go unused; a page using one past half its life is given a fresh one', () => {
    let now = 0;
    const sessions = new Sessions('the-token-of-this-hub', () => now);
    const id = sessions.create();
    expect(id).not.toContain('the-token-of-this-hub');
    expect(sessions.check(id)).toBe('valid');
    now += SESSION_IDLE_MS / 2 + 1;
    expect(sessions.check(id)).toBe('renew');
    const fresh = sessions.create();
    now += SESSION_IDLE_MS / 2;
    expect(sessions.check(id)).toBe('invalid');
    expect(sessions.check(fresh)).toBe('valid');
  });

  it('survive a restart of the hub, but not a change of its token, and cannot be forged', () => {
    const id = new Sessions('the-token-of-this-hub').create();
    expect(new Sessions('the-token-of-this-hub').check(id)).toBe('valid');
    expect(new Sessions('another-token-altogether').check(id)).toBe('invalid');
    const [end, rand, sig] = id.split('.');
    expect(new Sessions('the-token-of-this-hub').check(`${(parseInt(end, 36) * 2).toString(36)}.${rand}.${sig}`)).toBe('invalid');
    for (const junk of ['', '.', '..', 'a.b.c', '%', `${end}.${rand}.`]) expect(new Sessions('the-token-of-this-hub').check(junk)).toBe('invalid');
  });

  it('judge a socket’s Origin against the host it was sent to', () => {
    expect(sameOrigin('http://10.0.0.5:4310', '10.0.0.5:4310')).toBe(true);
    expect(sameOrigin('http://10.0.0.5:4311', '10.0.0.5:4310')).toBe(false);
    expect(sameOrigin('null', '10.0.0.5:4310')).toBe(false);
    expect(sameOrigin('file:///x', '10.0.0.5:4310')).toBe(false);
    expect(sameOrigin(undefined, '10.0.0.5:4310')).toBe(false);
  });
});
