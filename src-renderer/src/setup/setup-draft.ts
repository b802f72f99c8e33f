// The first-run page's draft (desktop app, no role yet: src-main/shell/machine-role.ts) and its
// checks, each naming the field in the page's language before anything is sent to the shell.
import type { BridgeSetupChoice } from '../client/bridge';
import type { MessageKey } from '../i18n';

export interface SetupDraft {
  role: 'host' | 'client';
  /** host: the addresses to listen on, one per link, separated by commas or spaces. */
  hosts: string;
  port: string;
  /** client: the hub on link A and (optional) link B, and the district's one-time code. */
  hubA: string;
  hubB: string;
  code: string;
  name: string;
}

export const emptySetupDraft = (): SetupDraft => ({ role: 'client', hosts: '127.0.0.1', port: '4310', hubA: '', hubB: '', code: '', name: '' });

export type SetupField = 'hosts' | 'port' | 'hubA' | 'hubB' | 'code' | 'name';
export type SetupErrors = Partial<Record<SetupField, MessageKey>>;

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]+$/;

function hubUrlOk(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.search === '' && (u.pathname === '/' || u.pathname === '') && u.username === '';
  } catch {
    return false;
  }
}

/** The choice to send, or the fields to fix. */
export function checkSetup(d: SetupDraft): { choice: BridgeSetupChoice; errors: null } | { choice: null; errors: SetupErrors } {
  const errors: SetupErrors = {};
  if (d.role === 'host') {
    const hosts = d.hosts.split(/[\s,，]+/).filter(Boolean);
    if (hosts.length === 0) errors.hosts = 'setup.error.hostsEmpty';
    else if (hosts.length > 4 || hosts.some((h) => !IPV4.test(h) && !(h.includes(':') && IPV6.test(h)))) errors.hosts = 'setup.error.hostsBad';
    const port = Number(d.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) errors.port = 'setup.error.port';
    return Object.keys(errors).length ? { choice: null, errors } : { choice: { role: 'host', hosts, port }, errors: null };
  }
  const hubUrls = [d.hubA.trim(), d.hubB.trim()].filter(Boolean);
  if (d.hubA.trim() === '') errors.hubA = 'setup.error.hubEmpty';
  else if (!hubUrlOk(d.hubA.trim())) errors.hubA = 'setup.error.hubBad';
  if (d.hubB.trim() !== '' && !hubUrlOk(d.hubB.trim())) errors.hubB = 'setup.error.hubBad';
  // 8 characters as the district console shows them (K7QF-3MZD); dashes and spaces are the reader's.
  if (!/^[A-Za-z0-9]{8}$/.test(d.code.replace(/[-\s]/g, ''))) errors.code = 'setup.error.code';
  if (d.name.trim() === '') errors.name = 'setup.error.name';
  return Object.keys(errors).length
    ? { choice: null, errors }
    : { choice: { role: 'client', hubUrls, code: d.code.trim().toUpperCase(), name: d.name.trim() }, errors: null };
}
