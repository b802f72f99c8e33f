// The mapping of roles to rights: data an administrator changes (auth.saveRole). The table holds
// only the roles that were changed; the others have the contract's defaults (DEFAULT_ROLE_RIGHTS),
// so a new right added to a default reaches every role nobody has customised.
import type { EventBus } from '../events';
import { RefusedError } from '../contract/errors';
import { DEFAULT_ROLE_RIGHTS, GRANTABLE_RIGHTS, ROLE_LABELS, Role, type GrantableRight, type Right } from '../contract/rights';
import type { RoleInfo } from '../contract/identity';
import type { Store } from '../store';

export class RoleService {
  private readonly rights = new Map<Role, ReadonlySet<Right>>();

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
  ) {
    this.load();
  }

  private load(): void {
    this.rights.clear();
    for (const role of Role.options) this.rights.set(role, new Set(DEFAULT_ROLE_RIGHTS[role]));
    for (const r of this.store.all<{ role: string; rights: string }>('SELECT role, rights FROM auth_role')) {
      const role = Role.safeParse(r.role);
      if (!role.success) continue;
      // A right a newer version dropped is dropped here too; the order is the contract's.
      const kept = new Set(JSON.parse(r.rights) as string[]);
      this.rights.set(role.data, new Set(GRANTABLE_RIGHTS.filter((x) => kept.has(x))));
    }
  }

  /** The rights of a role, as the per-call check reads them (shared, never changed in place). */
  rightsOf(role: string): ReadonlySet<Right> {
    return this.rights.get(role as Role) ?? new Set<Right>();
  }

  list(): RoleInfo[] {
    return Role.options.map((role) => ({ role, label: ROLE_LABELS[role], rights: GRANTABLE_RIGHTS.filter((x) => this.rights.get(role)!.has(x)) }));
  }

  async save(role: Role, rights: readonly GrantableRight[]): Promise<RoleInfo[]> {
    const wanted = new Set(rights);
    // The administrator's own role keeps the right to repair the mapping: without it nobody could.
    if (role === 'admin' && !wanted.has('settings.admin'))
      throw new RefusedError({
        zh: '管理员角色必须保留“系统管理”权限，否则无人能再修改角色（params.rights）',
        en: 'the administrator role must keep settings.admin, or nobody could change the roles again (params.rights)',
      });
    const ordered = GRANTABLE_RIGHTS.filter((x) => wanted.has(x));
    await this.store.write((tx) =>
      tx.run(
        'INSERT INTO auth_role (role, rights, updated_at) VALUES (?, ?, ?) ON CONFLICT(role) DO UPDATE SET rights = excluded.rights, updated_at = excluded.updated_at',
        [role, JSON.stringify(ordered), this.now()],
      ),
    );
    this.rights.set(role, new Set(ordered));
    const roles = this.list();
    this.bus.emit('auth.rolesChanged', { roles });
    return roles;
  }
}
