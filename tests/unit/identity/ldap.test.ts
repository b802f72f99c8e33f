// Sign-in against the directory (issue 14, optional): a real OpenLDAP (Debian's slapd) started by
// this test on loopback, with a throwaway configuration and database under a temp folder, people
// loaded with ldapadd; the hub signs people in against it through ldapts. A directory person is the
// roster person their cn names, with that person's role; a wrong password is refused and locked
// out as a local one; an unreachable directory is said plainly and local passwords still work.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type TestSocket } from '../../support/rpc-socket';
import { tempDir } from '../../support/temp-dir';
import { demoHub, ok, PASSWORD } from './demo-hub';

const h = demoHub('test-token-ldap');
const SUFFIX = 'dc=yuexiu,dc=gov';
const ROOT_DN = `cn=admin,${SUFFIX}`;
const ROOT_PW = 'root-secret-1';
const SLAPD = ['/usr/sbin/slapd', '/usr/local/sbin/slapd'].find(existsSync) ?? 'slapd';

const tmp = tempDir();
let slapd: ChildProcess | null = null;
let port = 0;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

const accepts = (p: number): Promise<boolean> =>
  new Promise((resolve) => {
    const c = createConnection({ host: '127.0.0.1', port: p });
    c.once('connect', () => (c.destroy(), resolve(true)));
    c.once('error', () => resolve(false));
  });

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** A person of the directory: uid to type, cn naming the roster person, password. */
const entry = (uid: string, cn: string, password: string): string =>
  `dn: uid=${uid},ou=people,${SUFFIX}\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn:: ${b64(cn)}\nsn:: ${b64(cn.slice(0, 1))}\nuserPassword: ${password}\n`;

async function startSlapd(): Promise<void> {
  const dir = join(tmp.dir, 'slapd');
  mkdirSync(join(dir, 'db'), { recursive: true });
  const conf = join(dir, 'slapd.conf');
  writeFileSync(
    conf,
    [
      'include /etc/ldap/schema/core.schema',
      'include /etc/ldap/schema/cosine.schema',
      'include /etc/ldap/schema/inetorgperson.schema',
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      `pidfile ${join(dir, 'slapd.pid')}`,
      'database mdb',
      'maxsize 10485760',
      `suffix "${SUFFIX}"`,
      `rootdn "${ROOT_DN}"`,
      `rootpw ${ROOT_PW}`,
      `directory ${join(dir, 'db')}`,
      '',
    ].join('\n'),
  );
  port = await freePort();
  slapd = spawn(SLAPD, ['-f', conf, '-h', `ldap://127.0.0.1:${port}`, '-d', '0'], { stdio: 'ignore' });
  const end = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (Date.now() > end || slapd.exitCode !== null) throw new Error(`slapd did not start on 127.0.0.1:${port} (is the Debian package slapd installed?)`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const ldif = [
    `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Yuexiu\ndc: yuexiu\n`,
    `dn: ou=people,${SUFFIX}\nobjectClass: organizationalUnit\nou: people\n`,
    entry('zhoujie', '周杰', 'dir-pass-zhou'),
    entry('chenzq', '陈志强', 'dir-pass-chen'),
    entry('nobody', '不在名册', 'dir-pass-nobody'),
  ].join('\n');
  const added = spawnSync('ldapadd', ['-x', '-H', `ldap://127.0.0.1:${port}`, '-D', ROOT_DN, '-w', ROOT_PW], { input: ldif, encoding: 'utf8' });
  if (added.status !== 0) throw new Error(`ldapadd failed: ${added.stderr}`);
}

async function stopSlapd(): Promise<void> {
  const p = slapd;
  slapd = null;
  if (!p || p.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    p.once('exit', () => resolve());
    p.kill('SIGTERM');
  });
}

beforeAll(startSlapd, 30_000);
afterAll(async () => {
  await stopSlapd();
  tmp.remove();
});

const byTemplate = () => ({
  enabled: true,
  url: `ldap://127.0.0.1:${port}`,
  bindDnTemplate: `uid={name},ou=people,${SUFFIX}`,
  personAttribute: 'cn',
  timeoutMs: 2000,
});

describe('sign-in against the directory (LDAP)', () => {
  let admin: TestSocket;
  let people: { id: string; name: string; role: string }[];
  beforeAll(async () => {
    admin = await connect(h.url);
    people = await ok(admin, 'duty.listPeople');
  });
  afterAll(() => admin.close());
  const idOf = (name: string): string => people.find((p) => p.name === name)!.id;

  it('is configured by an administrator only; the service password is kept as a secret, never returned', async () => {
    expect(await ok(admin, 'auth.getDirectory')).toBeNull();
    const bad = await admin.call('auth.saveDirectory', { directory: { ...byTemplate(), bindDnTemplate: null } });
    expect(bad.error?.code).toBe(-32602);
    expect(bad.error?.message).toContain('params.directory.bindDnTemplate');

    const saved = await ok(admin, 'auth.saveDirectory', {
      directory: {
        ...byTemplate(),
        bindDnTemplate: null,
        searchBase: `ou=people,${SUFFIX}`,
        searchFilter: '(uid={name})',
        serviceBind: { dn: ROOT_DN, password: ROOT_PW },
      },
    });
    expect(saved.serviceBind).toEqual({ dn: ROOT_DN, hasPassword: true });
    expect(JSON.stringify(await ok(admin, 'auth.getDirectory'))).not.toContain(ROOT_PW);
    // Saved again without the password: kept. The audit trail has the save, the password blanked.
    const again = await ok(admin, 'auth.saveDirectory', {
      directory: { ...byTemplate(), bindDnTemplate: null, searchBase: `ou=people,${SUFFIX}`, searchFilter: '(uid={name})', serviceBind: { dn: ROOT_DN } },
    });
    expect(again.serviceBind.hasPassword).toBe(true);
    // A signed-in 值班员 may not change it.
    await ok(admin, 'auth.setPassword', { personId: idOf('周杰'), password: PASSWORD });
    const officer = await connect(h.url);
    await ok(officer, 'auth.signIn', { name: '周杰', password: PASSWORD });
    const refused = await officer.call('auth.saveDirectory', { directory: byTemplate() });
    expect(refused.error?.code).toBe(-32003);
    expect(refused.error?.message).toContain('settings.admin');
    officer.close();
  });

  it('signs a directory person in as the roster person their cn names, with that person’s role (search as the service account, and by DN template)', async () => {
    const s = await connect(h.url);
    const session = await ok(s, 'auth.signIn', { name: 'zhoujie', password: 'dir-pass-zhou' });
    expect(session.person).toEqual({ id: idOf('周杰'), name: '周杰', role: 'officer' });
    expect(session.rights).toContain('duty.write');
    expect((await ok(s, 'auth.whoAmI')).person.id).toBe(idOf('周杰'));
    const trail = await ok(admin, 'audit.list', { method: 'auth.signIn', limit: 1 });
    expect(trail.entries[0]).toMatchObject({ personId: idOf('周杰'), personName: '周杰', detail: { outcome: 'done' } });

    await ok(admin, 'auth.saveDirectory', { directory: byTemplate() });
    const leader = await ok(s, 'auth.signIn', { name: 'chenzq', password: 'dir-pass-chen' });
    expect(leader.person).toMatchObject({ name: '陈志强', role: 'leader' });
    // A directory account that names nobody on the roster gets no session.
    const stranger = await s.call('auth.signIn', { name: 'nobody', password: 'dir-pass-nobody' });
    expect(stranger.error?.code).toBe(-32001);
    expect(stranger.error?.message).toContain('值班名册');
    // A name that tries to break out of the DN is a value, not syntax.
    expect((await s.call('auth.signIn', { name: 'x,ou=people', password: 'p' })).error?.code).toBe(-32001);
    s.close();
  });

  it('refuses a wrong directory password as a wrong local one, and locks the name out alike', async () => {
    const s = await connect(h.url);
    const local = await s.call('auth.signIn', { name: '周杰', password: 'not the password' });
    const wrong = await s.call('auth.signIn', { name: 'chenzq', password: 'not the password' });
    expect(wrong.error).toEqual(local.error);
    for (let i = 0; i < 3; i++) await s.call('auth.signIn', { name: 'chenzq', password: 'not the password' });
    const fifth = await s.call('auth.signIn', { name: 'chenzq', password: 'not the password' });
    expect(fifth.error?.message).toMatch(/登录失败次数过多/);
    // Locked: even the right password waits.
    const locked = await s.call('auth.signIn', { name: 'chenzq', password: 'dir-pass-chen' });
    expect(locked.error?.message).toMatch(/登录失败次数过多/);
    s.close();
  });

  it('says plainly when the directory cannot be reached, and local passwords still work', async () => {
    await stopSlapd();
    const s = await connect(h.url);
    const down = await s.call('auth.signIn', { name: 'zhoujie', password: 'dir-pass-zhou' });
    expect(down.error?.code).toBe(-32000);
    expect(down.error?.message).toContain('目录服务器（LDAP）无法连接');
    expect(down.error?.message).toContain('The directory (LDAP) cannot be reached');
    expect((down.error as { data?: unknown }).data).toMatchObject({ directory: 'unreachable', text: { zh: expect.stringContaining('目录服务器') } });
    expect((await ok(s, 'auth.signIn', { name: '周杰', password: PASSWORD })).person.name).toBe('周杰');
    s.close();
  });
});
