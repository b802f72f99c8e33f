// A power source as the console form holds it (text in every box) and what the server accepts.
// Blank optional boxes are left out, so the contract's defaults apply; a secret box (NUT password,
// SNMP community) left blank keeps the stored secret (the contract's rule), and "clear" sends "" to
// remove it. The server drops a kept secret when the source is re-pointed (host, port, user, TLS,
// SNMP version): secretDropped() lets the form say so before saving.
import type { PowerSourceInput, PowerSourceView } from '@contract/power';

export type DraftKind = 'nut' | 'snmp' | 'modbus';

export interface SourceDraft {
  kind: DraftKind;
  /** The id the source was loaded with; null for a new source (its id is still editable). */
  loadedId: string | null;
  id: string;
  name: string;
  enabled: boolean;
  host: string;
  port: string;
  pollMs: string;
  ups: string;
  username: string;
  password: string;
  passwordSet: boolean;
  clearPassword: boolean;
  login: boolean;
  tls: 'none' | 'starttls';
  tlsCa: string;
  tlsInsecure: boolean;
  /** Blank: keep the stored community (or, with none stored, poll with "public"). */
  community: string;
  communitySet: boolean;
  clearCommunity: boolean;
  version: '1' | '2c';
  unitId: string;
  model: string;
  /** secretPlace() of the source as loaded; null for a new source. */
  loadedPlace: string | null;
}

export const DEFAULT_PORT: Record<DraftKind, number> = { nut: 3493, snmp: 161, modbus: 502 };
const ID_STEM: Record<DraftKind, string> = { nut: 'ups', snmp: 'ups-snmp', modbus: 'generator' };

/** A fresh draft of the kind, with an id not yet taken (ups-1, ups-2 …). */
export function newSourceDraft(kind: DraftKind, takenIds: readonly string[]): SourceDraft {
  let n = 1;
  while (takenIds.includes(`${ID_STEM[kind]}-${n}`)) n++;
  return {
    kind,
    loadedId: null,
    id: `${ID_STEM[kind]}-${n}`,
    name: '',
    enabled: true,
    host: '',
    port: String(DEFAULT_PORT[kind]),
    pollMs: '250',
    ups: '',
    username: '',
    password: '',
    passwordSet: false,
    clearPassword: false,
    login: false,
    tls: 'none',
    tlsCa: '',
    tlsInsecure: false,
    community: '',
    communitySet: false,
    clearCommunity: false,
    version: '2c',
    unitId: '1',
    model: 'generic-controller',
    loadedPlace: null,
  };
}

export function draftFromSource(s: PowerSourceView): SourceDraft {
  const d = newSourceDraft(s.kind, []);
  const common = { ...d, loadedId: s.id, id: s.id, name: s.name, enabled: s.enabled, host: s.host, port: String(s.port), pollMs: String(s.pollMs) };
  const loaded = (() => {
    switch (s.kind) {
      case 'nut':
        return {
          ...common,
          ups: s.ups,
          username: s.username ?? '',
          passwordSet: s.passwordSet,
          login: s.login,
          tls: s.tls,
          tlsCa: s.tlsCa ?? '',
          tlsInsecure: s.tlsInsecure,
        };
      case 'snmp':
        return { ...common, communitySet: s.communitySet, version: s.version };
      case 'modbus':
        return { ...common, unitId: String(s.unitId), model: s.model };
    }
  })();
  return { ...loaded, loadedPlace: secretPlace(loaded) };
}

/**
 * Where the source's secret would be sent, as the server judges it (power-config.ts): host, port,
 * user and TLS settings for NUT; host, port and version for SNMP. Compared on what draftToInput sends.
 */
function secretPlace(d: SourceDraft): string {
  const port = numberBox(d.port) ?? DEFAULT_PORT[d.kind];
  const starttls = d.tls === 'starttls';
  if (d.kind === 'nut') return JSON.stringify([d.host.trim(), port, d.username.trim(), d.tls, starttls ? d.tlsCa.trim() : '', starttls && d.tlsInsecure]);
  if (d.kind === 'snmp') return JSON.stringify([d.host.trim(), port, d.version]);
  return '';
}

/** The stored secret that saving this draft would drop (re-pointed, and not typed again), if any. */
export function secretDropped(d: SourceDraft): 'password' | 'community' | null {
  if (d.loadedPlace === null || secretPlace(d) === d.loadedPlace) return null;
  if (d.kind === 'nut' && d.passwordSet && !d.clearPassword && d.password === '') return 'password';
  if (d.kind === 'snmp' && d.communitySet && !d.clearCommunity && d.community === '') return 'community';
  return null;
}

/** A number box: blank is "use the default"; anything else goes as typed and the server checks it. */
function numberBox(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  // Not a number: sent as text, so the server's refusal names the field.
  return Number.isFinite(n) ? n : (t as unknown as number);
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function draftToInput(d: SourceDraft): PowerSourceInput {
  const common = { id: d.id.trim(), name: d.name.trim(), enabled: d.enabled, host: d.host.trim(), port: numberBox(d.port), pollMs: numberBox(d.pollMs) };
  switch (d.kind) {
    case 'nut': {
      const password = d.clearPassword ? '' : d.password === '' ? undefined : d.password;
      return defined({
        ...common,
        kind: 'nut' as const,
        ups: d.ups.trim(),
        username: d.username.trim() || undefined,
        password,
        login: d.login,
        tls: d.tls,
        tlsCa: d.tls === 'starttls' && d.tlsCa.trim() ? d.tlsCa.trim() : undefined,
        tlsInsecure: d.tls === 'starttls' ? d.tlsInsecure : false,
      });
    }
    case 'snmp': {
      const community = d.clearCommunity ? '' : d.community === '' ? undefined : d.community;
      return defined({ ...common, kind: 'snmp' as const, community, version: d.version });
    }
    case 'modbus':
      return defined({ ...common, kind: 'modbus' as const, unitId: numberBox(d.unitId), model: d.model });
  }
}
