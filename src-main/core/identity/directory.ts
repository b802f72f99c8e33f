// Sign-in against the district's directory (LDAP), through ldapts (issue 14, optional). The
// configuration is a kv record (auth.saveDirectory, settings.admin); the service account's password
// is kept there as a secret: never returned (auth.getDirectory says only whether there is one),
// kept when a save omits it, dropped when the URL or the service DN changes without a new one.
//
// authenticate(name, password): finds the entry (a DN template with {name}, escaped as a DN value;
// or a search under a base with a filter with {name}, escaped as a filter value, bound as the
// service account or anonymously), binds as it with the password, and reads the attribute that
// names the roster person. A wrong password or an unknown name is 'wrong'; a directory that cannot
// be reached (refused, timed out, TLS failed) throws DirectoryUnreachable.
import { Client, Filter, InvalidCredentialsError, NoSuchObjectError, SizeLimitExceededError } from 'ldapts';
import type { Log } from '../capability';
import { RefusedError } from '../contract/errors';
import type { Directory, DirectoryInput } from '../contract/identity';
import { writeKv } from '../kv';
import type { Store } from '../store';
import { z } from 'zod';

const KEY = 'identity.directory';

/** As kept in the store: the input with the service password (a secret, in the store only). */
const Stored = z.object({
  enabled: z.boolean(),
  url: z.string(),
  startTls: z.boolean(),
  bindDnTemplate: z.string().nullable(),
  searchBase: z.string().nullable(),
  searchFilter: z.string().nullable(),
  personAttribute: z.string(),
  timeoutMs: z.number(),
  serviceBind: z.object({ dn: z.string(), password: z.string().nullable() }).nullable(),
});
type Stored = z.infer<typeof Stored>;

export class DirectoryUnreachable extends Error {
  constructor(readonly cause: unknown) {
    super(`the directory cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export type DirectoryOutcome = { ok: true; personName: string } | { ok: false; reason: string };

/** RFC 4514: a value placed in a DN. */
export function escapeDnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
    .replace(/^[ #]/, (c) => `\\${c}`)
    .replace(/ $/, '\\ ')
    .replace(/\0/g, '\\00');
}

/** Errors that say the password or name was wrong, as against the directory being unreachable. */
const isRefusal = (err: unknown): boolean =>
  err instanceof InvalidCredentialsError || err instanceof NoSuchObjectError || err instanceof SizeLimitExceededError;

export class DirectoryService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly log: Log,
  ) {}

  private stored(): Stored | null {
    const raw = this.store.get<{ value: string }>('SELECT value FROM kv WHERE key = ?', [KEY]);
    if (!raw) return null;
    const parsed = Stored.safeParse(JSON.parse(raw.value));
    return parsed.success ? parsed.data : null;
  }

  get(): Directory | null {
    const d = this.stored();
    if (!d) return null;
    const { serviceBind, ...rest } = d;
    return { ...rest, serviceBind: serviceBind && { dn: serviceBind.dn, hasPassword: serviceBind.password !== null } };
  }

  enabled(): boolean {
    return this.stored()?.enabled === true;
  }

  async save(input: z.output<typeof DirectoryInput>): Promise<Directory> {
    const old = this.stored();
    const { serviceBind, ...rest } = input;
    let password: string | null = null;
    if (serviceBind) {
      // Omitted: the saved one stays, unless it was for another server or another account.
      const same = old?.serviceBind && old.url === input.url && old.serviceBind.dn === serviceBind.dn;
      password = serviceBind.password ?? (same ? old.serviceBind!.password : null);
    }
    const next: Stored = { ...rest, serviceBind: serviceBind && { dn: serviceBind.dn, password } };
    await this.store.write((tx) => writeKv(tx, KEY, next, this.now()));
    this.log.info(`[identity] directory ${next.enabled ? `on: ${next.url}` : 'off'}`);
    return this.get()!;
  }

  async authenticate(name: string, password: string): Promise<DirectoryOutcome> {
    const d = this.stored();
    if (!d?.enabled) throw new RefusedError({ zh: '尚未配置目录服务器（LDAP）', en: 'no directory is configured' });
    const client = new Client({ url: d.url, timeout: d.timeoutMs, connectTimeout: d.timeoutMs });
    try {
      try {
        if (d.startTls) await client.startTLS({});
      } catch (err) {
        throw new DirectoryUnreachable(err);
      }
      let dn: string | null;
      try {
        dn = await this.findEntry(client, d, name);
      } catch (err) {
        if (isRefusal(err)) return { ok: false, reason: 'directory: unknown name' };
        throw new DirectoryUnreachable(err);
      }
      if (dn === null) return { ok: false, reason: 'directory: unknown name' };
      try {
        await client.bind(dn, password);
      } catch (err) {
        if (isRefusal(err)) return { ok: false, reason: 'directory: wrong password' };
        throw new DirectoryUnreachable(err);
      }
      let entry;
      try {
        ({
          searchEntries: [entry],
        } = await client.search(dn, { scope: 'base', attributes: [d.personAttribute] }));
      } catch (err) {
        throw new DirectoryUnreachable(err);
      }
      const value = entry ? attributeValue(entry, d.personAttribute) : null;
      if (value === null) return { ok: false, reason: `directory: the entry has no ${d.personAttribute}` };
      return { ok: true, personName: value };
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  /** The DN of the entry for a name typed, or null when the search finds none (or several). */
  private async findEntry(client: Client, d: Stored, name: string): Promise<string | null> {
    if (d.bindDnTemplate !== null) return d.bindDnTemplate.split('{name}').join(escapeDnValue(name));
    if (d.serviceBind?.password) await client.bind(d.serviceBind.dn, d.serviceBind.password);
    const filter = d.searchFilter!.split('{name}').join(Filter.escape(name));
    const { searchEntries } = await client.search(d.searchBase!, { scope: 'sub', filter, attributes: ['dn'], sizeLimit: 2 });
    return searchEntries.length === 1 ? searchEntries[0].dn : null;
  }
}

function attributeValue(entry: Record<string, unknown>, attribute: string): string | null {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const v = key === undefined ? undefined : entry[key];
  const first = Array.isArray(v) ? v[0] : v;
  if (typeof first === 'string') return first.trim() || null;
  if (Buffer.isBuffer(first)) return first.toString('utf8').trim() || null;
  return null;
}
