import { describe, expect, it } from 'vitest';
import { PowerSourceInput, type PowerSourceView } from '@contract/power';
import { draftFromSource, draftToInput, newSourceDraft, secretDropped } from './source-draft';

/** A NUT source as the server shows it, with a password stored. */
const storedNut: Extract<PowerSourceView, { kind: 'nut' }> = {
  kind: 'nut',
  id: 'ups-hall',
  name: 'UPS',
  enabled: true,
  host: 'h',
  port: 3493,
  ups: 'u',
  username: 'mon',
  login: true,
  tls: 'none',
  tlsInsecure: false,
  pollMs: 250,
  passwordSet: true,
};

describe('power source drafts', () => {
  it('proposes a free id and the kind’s default port', () => {
    const d = newSourceDraft('nut', ['ups-1']);
    expect(d).toMatchObject({ id: 'ups-2', port: '3493', loadedId: null });
    expect(newSourceDraft('modbus', []).port).toBe('502');
  });

  it('turns a filled NUT form into what the contract accepts, leaving blanks to the defaults', () => {
    const d = { ...newSourceDraft('nut', []), name: ' 大厅 UPS ', host: '10.0.0.5', ups: 'hallups', pollMs: '' };
    const input = draftToInput(d);
    expect(input).toEqual({
      kind: 'nut',
      id: 'ups-1',
      name: '大厅 UPS',
      enabled: true,
      host: '10.0.0.5',
      port: 3493,
      ups: 'hallups',
      login: false,
      tls: 'none',
      tlsInsecure: false,
    });
    expect(PowerSourceInput.safeParse(input).success).toBe(true);
  });

  it('keeps, replaces or clears the stored NUT password', () => {
    const stored = draftFromSource(storedNut);
    expect(stored).toMatchObject({ loadedId: 'ups-hall', passwordSet: true, password: '' });
    expect('password' in draftToInput(stored)).toBe(false);
    expect(draftToInput({ ...stored, password: 'new' })).toMatchObject({ password: 'new' });
    expect(draftToInput({ ...stored, password: 'typed', clearPassword: true })).toMatchObject({ password: '' });
  });

  it('keeps, replaces or clears the stored SNMP community, which the server never shows', () => {
    const snmp = { kind: 'snmp' as const, id: 'ups-snmp-1', name: 'SNMP UPS', enabled: false, host: '10.0.0.6', port: 161, version: '1' as const, pollMs: 500 };
    const stored = draftFromSource({ ...snmp, communitySet: true });
    expect(stored).toMatchObject({ communitySet: true, community: '' });
    expect(draftToInput(stored)).toEqual(snmp);
    expect(draftToInput({ ...stored, community: 'private' })).toEqual({ ...snmp, community: 'private' });
    expect(draftToInput({ ...stored, community: 'typed', clearCommunity: true })).toMatchObject({ community: '' });
    expect(PowerSourceInput.safeParse(draftToInput(stored)).success).toBe(true);
  });

  it('says before saving when a re-pointed source will lose its stored secret', () => {
    const nut = draftFromSource({ ...storedNut, tls: 'starttls', tlsCa: 'CA' });
    expect(secretDropped(nut)).toBeNull();
    expect(secretDropped({ ...nut, name: 'other', ups: 'v', pollMs: '500', login: false })).toBeNull();
    for (const change of [{ host: 'h2' }, { port: '3494' }, { username: 'root' }, { tls: 'none' as const }, { tlsCa: 'CA2' }, { tlsInsecure: true }])
      expect({ change, dropped: secretDropped({ ...nut, ...change }) }).toEqual({ change, dropped: 'password' });
    // Typed again, or cleared on purpose: nothing is lost unawares.
    expect(secretDropped({ ...nut, host: 'h2', password: 'again' })).toBeNull();
    expect(secretDropped({ ...nut, host: 'h2', clearPassword: true })).toBeNull();
    expect(secretDropped({ ...newSourceDraft('nut', []), host: 'h' })).toBeNull();
    const snmp = draftFromSource({ kind: 'snmp', id: 's', name: 'S', enabled: true, host: 'h', port: 161, version: '2c', pollMs: 250, communitySet: true });
    expect(secretDropped({ ...snmp, name: 'T' })).toBeNull();
    for (const change of [{ host: 'h2' }, { port: '1161' }, { version: '1' as const }]) expect(secretDropped({ ...snmp, ...change })).toBe('community');
    expect(secretDropped({ ...snmp, host: 'h2', community: 'again' })).toBeNull();
  });

  it('round-trips Modbus sources', () => {
    const modbus = {
      kind: 'modbus' as const,
      id: 'generator-1',
      name: '发电车',
      enabled: true,
      host: '10.0.0.7',
      port: 502,
      unitId: 3,
      model: 'generic-controller',
      pollMs: 250,
    };
    expect(draftToInput(draftFromSource(modbus))).toEqual(modbus);
  });

  it('sends a number box that is not a number as typed, so the server names the field', () => {
    const bad = draftToInput({ ...newSourceDraft('modbus', []), name: 'g', host: 'h', port: 'abc' });
    const parsed = PowerSourceInput.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual(['port']);
  });
});
