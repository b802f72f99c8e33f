// The directory slice on the fake client: loads the directory as saved, and saving it keeps the
// hub's answer (the service password never comes back, only whether there is one).
import { describe, expect, it } from 'vitest';
import type { Directory } from '@contract/identity';
import { holdOpen, sliceOnFake } from '../../test-kit/slice-kit';
import { directorySlice } from './directory-slice';

const saved: Directory = {
  enabled: true,
  url: 'ldap://10.0.0.5:389',
  startTls: false,
  bindDnTemplate: null,
  searchBase: 'ou=people,dc=yuexiu,dc=gov',
  searchFilter: '(uid={name})',
  personAttribute: 'cn',
  timeoutMs: 5000,
  serviceBind: { dn: 'cn=reader,dc=yuexiu,dc=gov', hasPassword: true },
};

describe('directory slice', () => {
  it('loads the directory, and keeps what the hub answers to a save', async () => {
    const { fake, s } = sliceOnFake(directorySlice, { 'auth.getDirectory': () => null, 'auth.saveDirectory': () => saved }, Date.now);
    await holdOpen(fake, s);
    expect(s.store.getState()).toMatchObject({ directory: null, loaded: true });
    const input = { ...saved, serviceBind: { dn: 'cn=reader,dc=yuexiu,dc=gov', password: 'reader-secret' } };
    expect(await s.commands.saveDirectory(input)).toEqual(saved);
    expect(fake.calls.at(-1)).toEqual({ method: 'auth.saveDirectory', params: { directory: input } });
    expect(JSON.stringify(s.store.getState())).not.toContain('reader-secret');
  });
});
