// Who is signed in, the roles and their rights, and the audit trail (issue 14). The rights each
// method needs are declared beside the method (rights.ts); this file declares the methods of the
// identity capability itself. Passwords cross the API only as params of auth.signIn and
// auth.setPassword, are never in a result, and never reach the audit hook (rights.ts
// SECRET_PARAM_KEYS).
import { z } from 'zod';
import { event, method } from './define';
import { EntityId, FileDownload, Timestamp } from './primitives';
import { GrantableRight, Right, Role } from './rights';
import { StreetName } from './yuexiu';

// ---- people and sessions ------------------------------------------------------------------
export const SignedInPerson = z.object({ id: EntityId, name: z.string(), role: Role });
export type SignedInPerson = z.infer<typeof SignedInPerson>;

/** Who this connection speaks for, and until when. */
export const Session = z.object({
  person: SignedInPerson,
  /** The rights the person holds now (their role's, as the mapping stands). */
  rights: z.array(Right),
  expiresAt: Timestamp,
});
export type Session = z.infer<typeof Session>;

const PersonName = z.string().trim().min(1, 'give your name').max(20, 'a name is at most 20 characters');
const Password = z.string().min(1, 'give your password').max(200, 'a password is at most 200 characters');
const NewPassword = z.string().min(8, 'a password has at least 8 characters').max(200, 'a password is at most 200 characters');

/**
 * Whether a roster unit is one of a street's own (the street or one of its offices: the unit
 * starts with the street's name, e.g. 华乐街 or 华乐街道办事处). The one rule: the hub holds a street
 * machine's acting person to it (identity isStreetPerson), the street machine's 当前操作人 picker
 * lists only them.
 */
export function isStreetUnit(street: string, unit: string): boolean {
  return street !== '' && unit.trim().startsWith(street);
}

/**
 * The people a console may act as: everyone active on a district console (street null), only the
 * street's own active people on a street centre's machine.
 */
export function actorChoices<P extends { active: boolean; unit: string }>(people: readonly P[], street: string | null): P[] {
  return people.filter((p) => p.active && (street === null || isStreetUnit(street, p.unit)));
}

// ---- who acts, and who is signed in where ------------------------------------------------------
/**
 * How a connection nobody is signed in on names the acting person of a write (auth.getActorRule):
 * - `session`: only by signing in (an enrolled console; the desktop host's own windows and the
 *   console pages on the bootstrap token (browser mode, CallContext.page) once any person has a
 *   password): the console shows no 当前操作人 choice, only the sign-in box;
 * - `street`: a street centre's machine names one of its own street's people (actorChoices), or nobody;
 * - `choose`: anyone (automation on the bootstrap token: scripts, the tests' helpers; and the
 *   desktop host's windows and the token's console pages while nobody has a password yet: the
 *   first set-up). The token's holder is trusted either way: a script could claim to be a page.
 * Signed in, it is always the signed-in person.
 */
export const ActorRule = z.enum(['session', 'street', 'choose']);
export type ActorRule = z.infer<typeof ActorRule>;

/** Where a person is signed in: the console (an enrolled machine, or a window/page of the hub itself). */
export const SignedInConsole = z.object({
  person: SignedInPerson,
  /** The enrolled machine's name, or null for the hub's own window or a page on the bootstrap token. */
  machineName: z.string().nullable(),
  /** The machine's kind, or `host` for the hub's own window or a page on the bootstrap token. */
  kind: z.enum(['wall', 'console', 'street', 'host']),
  street: StreetName.nullable(),
  /** The address the connection came from (null for a window of the desktop app). */
  address: z.string().nullable(),
  since: Timestamp,
});
export type SignedInConsole = z.infer<typeof SignedInConsole>;

// ---- first sign-in (a data folder from before identity) -------------------------------------
// People of a roster older than identity have no password. They are never signed in without one:
// an administrator issues each a one-time code (auth.issuePasswordCode: 8 characters like an
// enrolment code, single use, valid PASSWORD_CODE_MS, kept only as a hash), and the person, at the
// sign-in screen's 首次登录, gives their name, the code and a new password (auth.setFirstPassword),
// then signs in with it. A wrong code counts towards the name's lockout, as a wrong password does.
// Not the bootstrap token: it is the hub's master key (every right, as anyone), kept by whoever set
// the hub up; typed at each console for each person's first sign-in it would be seen, remembered
// and kept in browsers' histories, and anyone who once set a password with it could act as anyone.
// Its holder issues the first administrator's code (the token's page and the desktop host's own
// windows may call anything), and that administrator everyone else's.
export const PASSWORD_CODE_MS = 24 * 60 * 60_000;

/** A person as an administrator sees their account: whether they have a password, and a code waiting. */
// Account and PasswordCodeIssued: twins in shape of Machine and EnrolCodeIssued below (a record and its one-time code); different records, kept apart on purpose.
export const Account = z.object({
  personId: EntityId,
  name: z.string(),
  role: Role,
  unit: z.string(),
  hasPassword: z.boolean(),
  /** When the one-time code issued for them runs out (null: none waiting). */
  codeExpiresAt: Timestamp.nullable(),
});
export type Account = z.infer<typeof Account>;

export const PasswordCodeIssued = z.object({
  /** Shown once (K7QF-3MZD) for the administrator to hand to the person; the hub keeps only its hash. */
  code: z.string(),
  personId: EntityId,
  name: z.string(),
  expiresAt: Timestamp,
});
export type PasswordCodeIssued = z.infer<typeof PasswordCodeIssued>;

// ---- old street links (migration) -----------------------------------------------------------
/**
 * A street whose machine still reached the district with the bootstrap token in its link URLs and
 * was refused (from the audit trail): the district issues it an enrolment code. Listed until a
 * machine of that street enrols after its last attempt.
 */
export const StaleLink = z.object({
  street: StreetName,
  /** The addresses it came from. */
  addresses: z.array(z.string()),
  /** Attempts recorded (at most one a minute per address). */
  attempts: z.number().int().min(1),
  firstAt: Timestamp,
  lastAt: Timestamp,
});
export type StaleLink = z.infer<typeof StaleLink>;

// ---- roles --------------------------------------------------------------------------------
export const RoleInfo = z.object({
  role: Role,
  label: z.object({ zh: z.string(), en: z.string() }),
  rights: z.array(GrantableRight),
});
export type RoleInfo = z.infer<typeof RoleInfo>;

// ---- machines ------------------------------------------------------------------------------
// A machine (a wall display, a console PC, a street centre's machine) enrols once with a one-time
// code an administrator issues (auth.issueEnrolCode, shown as text and a QR code): auth.enrol
// answers a long random credential, returned once and kept on the hub only as a hash. The machine
// then presents it as it would the bootstrap token (`Authorization: Bearer C`, `?token=C` on a
// page load, which gives the page a session cookie bound to the machine) and holds the rights of
// its kind: a wall those of role `wall`; a street centre those of role `street`, scoped to its
// street (CallContext.street); a console none until a person signs in on it. Revoking a machine
// closes its sockets and refuses its calls at once.
export const MachineKind = z.enum(['wall', 'console', 'street']);
export type MachineKind = z.infer<typeof MachineKind>;
export const MACHINE_KIND_LABELS: Record<MachineKind, { zh: string; en: string }> = {
  wall: { zh: '大屏显示', en: 'Wall display' },
  console: { zh: '值班席位', en: 'Console PC' },
  street: { zh: '街道分中心', en: 'Street centre' },
};

/** An enrolment code as typed: 8 letters and digits (Crockford base32), a dash optional. */
export const EnrolCode = z
  .string()
  .trim()
  .max(20, 'an enrolment code is 8 characters such as K7QF-3MZD')
  .regex(/^[0-9A-Za-z]{4}[- ]?[0-9A-Za-z]{4}$/, 'an enrolment code is 8 characters such as K7QF-3MZD');
const MachineName = z.string().trim().min(1, 'give the machine a name (e.g. 华乐街 值班电脑)').max(40, 'a machine name is at most 40 characters');

// Machine and EnrolCodeIssued: twins in shape of Account and PasswordCodeIssued above; different records, kept apart on purpose.
export const Machine = z.object({
  id: z.string(),
  kind: MachineKind,
  /** The street of a street centre's machine; null for the others. */
  street: StreetName.nullable(),
  name: z.string(),
  enrolledAt: Timestamp,
  /** When it last reached the hub, and from where (null until it has). */
  lastSeenAt: Timestamp.nullable(),
  lastAddress: z.string().nullable(),
  revokedAt: Timestamp.nullable(),
});
export type Machine = z.infer<typeof Machine>;

export const EnrolCodeIssued = z.object({
  /** Shown once, as text (K7QF-3MZD) and as a QR code; the hub keeps only its hash. */
  code: z.string(),
  kind: MachineKind,
  street: StreetName.nullable(),
  expiresAt: Timestamp,
});
export type EnrolCodeIssued = z.infer<typeof EnrolCodeIssued>;

export const Enrolled = z.object({
  machine: Machine,
  /** The machine's credential: returned this once, kept by the machine (Electron: safeStorage; a page: localStorage). */
  credential: z.string(),
});
export type Enrolled = z.infer<typeof Enrolled>;

// ---- the directory (LDAP) ------------------------------------------------------------------
// An optional directory (the district's LDAP) people may sign in against instead of a local
// password. The name typed finds the directory entry, by a DN template (uid={name},ou=people,…) or
// by a search (base + filter with {name}, bound as a service account or anonymously); the password
// is checked by binding as that entry; the entry's `personAttribute` (e.g. cn) names the roster
// person, whose role the session gets. A wrong password is refused, and counts towards the
// lockout, as a local one; an unreachable directory is said plainly, and local passwords still work.
const DnText = z.string().trim().min(3, 'a DN such as ou=people,dc=yuexiu,dc=gov').max(300, 'a DN is at most 300 characters');
export const DirectoryUrl = z
  .string()
  .trim()
  .max(200, 'an LDAP URL is at most 200 characters')
  .regex(/^ldaps?:\/\/[A-Za-z0-9.\-[\]:]+\/?$/, 'an LDAP URL such as ldap://10.0.0.5:389 or ldaps://dir.yuexiu.gov');
const DirectoryFields = {
  enabled: z.boolean(),
  url: DirectoryUrl,
  /** ldap:// upgraded with StartTLS (ldaps:// is TLS from the start). */
  startTls: z.boolean().default(false),
  /** The entry's DN made from the name typed: {name} is replaced (escaped), e.g. uid={name},ou=people,dc=yuexiu,dc=gov. */
  bindDnTemplate: DnText.refine((t) => t.includes('{name}'), 'the DN template must contain {name}')
    .nullable()
    .default(null),
  /** Else the entry is searched for under this base with this filter ({name} replaced, escaped). */
  searchBase: DnText.nullable().default(null),
  searchFilter: z
    .string()
    .trim()
    .max(300, 'a filter is at most 300 characters')
    .regex(/^\(.*\{name\}.*\)$/, 'a filter such as (uid={name}), containing {name}')
    .nullable()
    .default(null),
  /** The attribute of the entry whose value is the roster person's name (e.g. cn, displayName). */
  personAttribute: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9-]{0,60}$/, 'an attribute name such as cn')
    .default('cn'),
  timeoutMs: z.number().int().min(500).max(30_000).default(5000),
};
const needsAWay = (d: { enabled: boolean; bindDnTemplate: string | null; searchBase: string | null; searchFilter: string | null }): boolean =>
  !d.enabled || d.bindDnTemplate !== null || (d.searchBase !== null && d.searchFilter !== null);
const AWAY = { message: 'give a DN template, or a search base and a search filter', path: ['bindDnTemplate'] };

/** The directory as saved; the service account's password is never returned, only whether there is one. */
export const Directory = z.object({
  ...DirectoryFields,
  serviceBind: z.object({ dn: z.string(), hasPassword: z.boolean() }).nullable(),
});
export type Directory = z.infer<typeof Directory>;

export const DirectoryInput = z
  .strictObject({
    ...DirectoryFields,
    /** The account the search binds as (none: anonymous). Its password omitted keeps the saved one (unless the URL or DN changed). */
    serviceBind: z
      .strictObject({ dn: DnText, password: z.string().min(1).max(200).optional() })
      .nullable()
      .default(null),
  })
  .refine(needsAWay, AWAY);
export type DirectoryInput = z.input<typeof DirectoryInput>;

// ---- the audit trail ----------------------------------------------------------------------
/** One write, as recorded: who (person and machine), from which centre, which method, when. */
export const AuditEntry = z.object({
  /** 1, 2, 3, … in the order written; each entry's hash covers the one before. */
  seq: z.number().int().min(1),
  at: Timestamp,
  personId: EntityId.nullable(),
  personName: z.string().nullable(),
  machineId: z.string().nullable(),
  street: z.string().nullable(),
  transport: z.enum(['ipc', 'ws', 'http', 'local']),
  method: z.string(),
  /** sha256 (hex) of the call's params, secrets redacted. */
  paramsDigest: z.string(),
  /**
   * Since schema 9: whether the call was done or refused (failed sign-ins and enrolments are
   * recorded too: the name tried, never the password), the reason of a refusal, and the caller's
   * address. Null on older records.
   */
  detail: z
    .object({ outcome: z.enum(['done', 'refused']), reason: z.string().optional(), name: z.string().optional(), address: z.string().optional() })
    .nullable(),
  /** sha256 (hex) of this entry chained to the previous entry's hash. */
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The most records one export carries (the workbook must fit in one hub message, MAX_FILE_BYTES). */
export const AUDIT_EXPORT_MAX = 5000;

const MethodNameParam = z
  .string()
  .trim()
  .regex(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/, 'a method name such as plans.activate')
  .max(80);

/** The filters of the audit list and its export. */
const AuditFilter = {
  from: Timestamp.optional().describe('at or after'),
  to: Timestamp.optional().describe('before'),
  personId: EntityId.optional(),
  method: MethodNameParam.optional(),
};

// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const identityMethods = {
  'auth.signIn': method({
    summary:
      'Sign in with name and password: this connection then acts as that person with their role’s rights until the session expires or auth.signOut. Repeated failures lock the name out for a while.',
    right: 'public',
    // A session is a write: who signed in where, in the audit trail (the password blanked).
    audited: true,
    params: z.strictObject({ name: PersonName, password: Password }),
    result: Session.extend({ sessionId: z.string() }),
  }),
  'auth.signOut': method({
    summary: 'Sign out: the session ends and this connection acts as nobody.',
    right: 'public',
    audited: true,
    params: z.strictObject({}),
    result: z.object({ ok: z.literal(true) }),
  }),
  'auth.resume': method({
    summary:
      'Resume a session on this connection (a reconnected socket, a reloaded page): binds the connection to the live session given by its id and renews it, as auth.signIn did. Refused (Unauthorized) when the session has ended.',
    right: 'public',
    // Not a new sign-in: the session was recorded when it began. (The session id is a secret,
    // so it is kept out of the audit hook too.)
    audited: false,
    params: z.strictObject({ sessionId: z.string().min(1, 'give the session id').max(200) }),
    result: Session,
  }),
  'auth.whoAmI': method({
    summary: 'The person this connection is signed in as, their rights and when the session expires; null when nobody is.',
    right: 'public',
    params: z.strictObject({}),
    result: Session.nullable(),
  }),
  'auth.getActorRule': method({
    summary:
      'How this connection, while nobody is signed in on it, names the acting person of a write: session (sign in first), street (one of its street’s own people) or choose (the bootstrap token: first set-up and automation).',
    right: 'public',
    params: z.strictObject({}),
    result: z.object({ rule: ActorRule, street: StreetName.nullable() }),
  }),
  'auth.listSignedIn': method({
    summary: 'Who is signed in now, at which console (machine name and kind, street, address), since when: the wall’s duty slot shows it.',
    right: 'read',
    params: z.strictObject({}),
    result: z.array(SignedInConsole),
  }),
  'auth.setPassword': method({
    // Public at the gate because who may call it depends on the caller, which rightFor cannot
    // see: the handler refuses (RpcCode.Forbidden) unless the caller sets their own password
    // (with oldPassword) or holds settings.admin. Audited although public.
    summary: 'Set a person’s password: one’s own (give oldPassword; also the first-sign-in set-password flow) or anyone’s with settings.admin.',
    right: 'public',
    audited: true,
    params: z.strictObject({ personId: EntityId, password: NewPassword, oldPassword: Password.optional() }),
    result: z.object({ ok: z.literal(true) }),
  }),
  'auth.listAccounts': method({
    summary: 'Every active person of the roster with whether they have a password and whether a one-time code is waiting (the first-sign-in flow).',
    // Who may sign in and who not yet: for those who read the audit trail, not for every reader.
    right: 'audit.read',
    params: z.strictObject({}),
    result: z.array(Account),
  }),
  'auth.issuePasswordCode': method({
    summary:
      'Issue a person a one-time code to set their own password at the sign-in screen (首次登录): single use, valid 24 hours, kept only as a hash; a new code replaces one still waiting.',
    right: 'settings.admin',
    params: z.strictObject({ personId: EntityId }),
    result: PasswordCodeIssued,
  }),
  'auth.setFirstPassword': method({
    summary:
      'A person sets their own password with the one-time code an administrator issued them (first sign-in on a migrated data folder, or a forgotten password); then signs in with it. A wrong code counts towards the name’s lockout.',
    right: 'public',
    audited: true,
    params: z.strictObject({ name: PersonName, code: EnrolCode, password: NewPassword }),
    result: z.object({ ok: z.literal(true) }),
  }),
  'auth.listStaleLinks': method({
    summary:
      'The streets whose machines still reached this hub with the bootstrap token in their link URLs and were refused (told to enrol), from the audit trail, until each enrols a machine: whom to issue enrolment codes to.',
    right: 'audit.read',
    params: z.strictObject({}),
    result: z.array(StaleLink),
  }),
  'auth.listRoles': method({
    summary: 'Every role with its label and the rights it holds now.',
    right: 'read',
    params: z.strictObject({}),
    result: z.array(RoleInfo),
  }),
  'auth.saveRole': method({
    summary: 'Give a role a new set of rights (replacing its old set); sessions of that role hold the new rights at once.',
    right: 'settings.admin',
    params: z.strictObject({ role: Role, rights: z.array(GrantableRight).max(GrantableRight.options.length) }),
    result: z.array(RoleInfo),
  }),
  'auth.signOutPerson': method({
    summary: 'End every session of a person, wherever they are signed in (their consoles act as nobody at once).',
    right: 'settings.admin',
    params: z.strictObject({ personId: EntityId }),
    result: z.object({ ended: z.number().int().min(0) }),
  }),
  'auth.issueEnrolCode': method({
    summary: 'Issue a one-time enrolment code for a machine of a kind (a street centre’s names its street): single use, valid 15 minutes, kept only as a hash.',
    right: 'settings.admin',
    params: z.strictObject({ kind: MachineKind, street: StreetName.optional() }).refine((p) => (p.kind === 'street') === (p.street !== undefined), {
      message: 'a street centre’s code names its street, and only a street centre’s does',
      path: ['street'],
    }),
    result: EnrolCodeIssued,
  }),
  'auth.enrol': method({
    summary:
      'A machine enrols with a one-time code: it gets its credential (returned this once) and the rights of its kind. Also POST /enrol on the hub, which needs no token.',
    right: 'public',
    audited: true,
    params: z.strictObject({ code: EnrolCode, name: MachineName }),
    result: Enrolled,
  }),
  'auth.getMachine': method({
    summary: 'The enrolled machine this connection came from; null for the bootstrap token, an app window or an unknown caller.',
    right: 'public',
    params: z.strictObject({}),
    result: Machine.nullable(),
  }),
  'auth.listMachines': method({
    summary: 'Every enrolled machine (revoked ones too), newest first: kind, street, name, enrolled, last seen and from where.',
    // Where each machine is and was: for those who read the audit trail, not for every reader.
    right: 'audit.read',
    params: z.strictObject({}),
    result: z.array(Machine),
  }),
  'auth.revokeMachine': method({
    summary: 'Revoke a machine’s credential: its sockets are closed and its calls refused at once; it must enrol again.',
    right: 'settings.admin',
    params: z.strictObject({ machineId: z.string().min(1).max(60) }),
    result: Machine,
  }),
  'auth.rotateBootstrapToken': method({
    summary:
      'Replace the hub’s bootstrap token (first set-up and automation): the old one stops working at once, with the browser sessions it opened; the new one is returned this once and written to the hub’s token file.',
    right: 'settings.admin',
    params: z.strictObject({}),
    result: z.object({ token: z.string() }),
  }),
  'auth.getDirectory': method({
    summary: 'The directory (LDAP) people may sign in against, as saved (the service account’s password never returned); null when none is configured.',
    right: 'read',
    params: z.strictObject({}),
    result: Directory.nullable(),
  }),
  'auth.saveDirectory': method({
    summary:
      'Configure (or switch off) sign-in against the directory: URL, how the entry is found (DN template, or search base and filter, as a service account or anonymously), and which attribute names the roster person. The service password is kept as a secret.',
    right: 'settings.admin',
    params: z.strictObject({ directory: DirectoryInput }),
    result: Directory,
  }),
  'audit.list': method({
    summary: 'The audit trail, newest first, with optional filters (time range, person, method).',
    right: 'audit.read',
    params: z.strictObject({ ...AuditFilter, limit: z.number().int().min(1).max(1000).default(200) }),
    result: z.object({ entries: z.array(AuditEntry), total: z.number().int().min(0) }),
  }),
  'audit.export': method({
    summary:
      'The audit trail as an .xlsx workbook (sheet 审计日志, oldest first: who, machine, street, method, outcome, address, digest and hash), with the filters of audit.list; at most `limit` records, the newest.',
    right: 'audit.read',
    params: z.strictObject({ ...AuditFilter, limit: z.number().int().min(1).max(AUDIT_EXPORT_MAX).default(AUDIT_EXPORT_MAX) }),
    result: FileDownload,
  }),
  'audit.verify': method({
    summary: 'Check the hash chain of the whole audit trail: ok, how many entries were checked, and the seq of the first broken one.',
    right: 'audit.read',
    params: z.strictObject({}),
    result: z.object({ ok: z.boolean(), checked: z.number().int().min(0), brokenAt: z.number().int().nullable() }),
  }),
} as const;

export const identityEvents = {
  'auth.rolesChanged': event({ right: 'read', summary: 'The rights of a role changed.', payload: z.object({ roles: z.array(RoleInfo) }) }),
  'auth.signedInChanged': event({
    right: 'read',
    summary: 'Someone signed in or out at a console, or a console closed (auth.listSignedIn has the list).',
    payload: z.object({ count: z.number().int().min(0) }),
  }),
  'auth.machinesChanged': event({
    right: 'audit.read',
    summary: 'A machine enrolled or was revoked (auth.listMachines has the list).',
    payload: z.object({ machineId: z.string(), change: z.enum(['enrolled', 'revoked']) }),
  }),
} as const;
