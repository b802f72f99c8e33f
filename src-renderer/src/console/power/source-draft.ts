// A power source as the console form holds it (text in every box) and what the server accepts.
// Blank optional boxes are left out, so the contract's defaults apply; a NUT password box left
// blank keeps the stored password (the contract's rule), and "clear" sends "" to remove it.
import type { PowerSourceInput, PowerSourceView } from '../../../../src-main/core/contract/power';

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
  community: string;
  version: '1' | '2c';
  unitId: string;
  model: string;
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
    community: 'public',
    version: '2c',
    unitId: '1',
    model: 'generic-controller',
  };
}

export function draftFromSource(s: PowerSourceView): SourceDraft {
  const d = newSourceDraft(s.kind, []);
  const common = { ...d, loadedId: s.id, id: s.id, name: s.name, enabled: s.enabled, host: s.host, port: String(s.port), pollMs: String(s.pollMs) };
  switch (s.kind) {
    case 'nut':
      return { ...common, ups: s.ups, username: s.username ?? '', passwordSet: s.passwordSet, login: s.login, tls: s.tls, tlsCa: s.tlsCa ?? '', tlsInsecure: s.tlsInsecure };
    case 'snmp':
      return { ...common, community: s.community, version: s.version };
    case 'modbus':
      return { ...common, unitId: String(s.unitId), model: s.model };
  }
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
    case 'snmp':
      return defined({ ...common, kind: 'snmp' as const, community: d.community, version: d.version });
    case 'modbus':
      return defined({ ...common, kind: 'modbus' as const, unitId: numberBox(d.unitId), model: d.model });
  }
}
