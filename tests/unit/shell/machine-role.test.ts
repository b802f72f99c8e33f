// The desktop app's role file (src-main/shell/machine-role.ts): first run, a kept choice, a damaged
// file (an error naming the fix, never a silent first run that would start a second, empty core).
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clientSocketUrls, readMachineRole, RoleFileError, ROLE_FILE, writeMachineRole, type ClientRole } from '../../../src-main/shell/machine-role';
import { tempDir } from '../../support/temp-dir';

let tmp = tempDir();
afterEach(() => {
  tmp.remove();
  tmp = tempDir();
});

const client: ClientRole = {
  role: 'client',
  hubUrls: ['http://10.1.1.1:4310', 'http://10.2.1.1:4310'],
  machine: { id: 'm-1', kind: 'street', name: '北京街 1 号机', street: '北京街' },
};

describe('machine role file', () => {
  it('is absent at first run, and a written role reads back the same (owner-only, no temporary file left)', () => {
    expect(readMachineRole(tmp.dir)).toBeNull();
    writeMachineRole(tmp.dir, { role: 'host', hosts: ['10.1.1.1', '10.2.1.1'], port: 4310 });
    expect(readMachineRole(tmp.dir)).toEqual({ role: 'host', hosts: ['10.1.1.1', '10.2.1.1'], port: 4310 });
    writeMachineRole(tmp.dir, client);
    expect(readMachineRole(tmp.dir)).toEqual(client);
    expect(statSync(join(tmp.dir, ROLE_FILE)).mode & 0o077).toBe(0);
    expect(readdirSync(tmp.dir)).toEqual([ROLE_FILE]);
  });

  it('refuses a damaged or invalid file with an error naming the field and the fix, instead of starting as a first run', () => {
    writeFileSync(join(tmp.dir, ROLE_FILE), '{"role":"host","hosts":[');
    expect(() => readMachineRole(tmp.dir)).toThrow(RoleFileError);
    expect(() => readMachineRole(tmp.dir)).toThrow(/not JSON.*delete it/);
    writeFileSync(join(tmp.dir, ROLE_FILE), JSON.stringify({ role: 'client', hubUrls: ['http://10.1.1.1:4310/rpc?token=x'], machine: client.machine }));
    expect(() => readMachineRole(tmp.dir)).toThrow(/hubUrls\.0: a hub address/);
  });

  it('refuses to write a role that would not read back', () => {
    expect(() => writeMachineRole(tmp.dir, { role: 'host', hosts: ['not an address'], port: 4310 })).toThrow(/IPv4 or IPv6/);
    expect(existsSync(join(tmp.dir, ROLE_FILE))).toBe(false);
  });

  it("gives a client's sockets on link A then B, with the machine's credential", () => {
    expect(clientSocketUrls(client, 'c/r+d')).toEqual(['ws://10.1.1.1:4310/rpc?token=c%2Fr%2Bd', 'ws://10.2.1.1:4310/rpc?token=c%2Fr%2Bd']);
  });
});
