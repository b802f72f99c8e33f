import { describe, expect, it } from 'vitest';
import { checkSetup, emptySetupDraft } from './setup-draft';

describe('first-run setup draft', () => {
  it('names each field to fix for a client, and sends nothing', () => {
    const r = checkSetup({ ...emptySetupDraft(), role: 'client', hubA: 'http://10.1.1.1:4310/rpc?token=abc', hubB: 'ftp://x', code: 'K7QF', name: ' ' });
    expect(r.choice).toBeNull();
    expect(r.errors).toEqual({ hubA: 'setup.error.hubBad', hubB: 'setup.error.hubBad', code: 'setup.error.code', name: 'setup.error.name' });
    expect(checkSetup({ ...emptySetupDraft(), role: 'client' }).errors).toMatchObject({ hubA: 'setup.error.hubEmpty' });
  });

  it('gives a client choice with both links, the code as typed in any case, and the name', () => {
    const r = checkSetup({
      ...emptySetupDraft(),
      role: 'client',
      hubA: ' http://10.1.1.1:4310 ',
      hubB: 'http://10.2.1.1:4310',
      code: 'k7qf-3mzd',
      name: '北京街 1 号机',
    });
    expect(r.choice).toEqual({ role: 'client', hubUrls: ['http://10.1.1.1:4310', 'http://10.2.1.1:4310'], code: 'K7QF-3MZD', name: '北京街 1 号机' });
  });

  it('gives a host choice with one address per link, and refuses names, too many addresses and bad ports', () => {
    expect(checkSetup({ ...emptySetupDraft(), role: 'host', hosts: '10.1.1.1，10.2.1.1', port: '4310' }).choice).toEqual({
      role: 'host',
      hosts: ['10.1.1.1', '10.2.1.1'],
      port: 4310,
    });
    expect(checkSetup({ ...emptySetupDraft(), role: 'host', hosts: 'hub.local', port: '70000' }).errors).toEqual({
      hosts: 'setup.error.hostsBad',
      port: 'setup.error.port',
    });
    expect(checkSetup({ ...emptySetupDraft(), role: 'host', hosts: '1.1.1.1 2.2.2.2 3.3.3.3 4.4.4.4 5.5.5.5', port: '1' }).errors).toEqual({
      hosts: 'setup.error.hostsBad',
    });
    expect(checkSetup({ ...emptySetupDraft(), role: 'host', hosts: ' ', port: '1' }).errors).toEqual({ hosts: 'setup.error.hostsEmpty' });
  });
});
