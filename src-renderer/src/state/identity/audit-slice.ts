// The audit trail on the console (审计日志, issue 14): the newest entries matching the filters
// (person, method, time range), and the chain's check.
import type { AuditEntry } from '@contract/identity';
import { defineSlice } from '../slice';

export interface AuditFilter {
  personId?: string;
  method?: string;
  from?: number;
  to?: number;
}

export interface AuditState {
  filter: AuditFilter;
  entries: AuditEntry[];
  total: number;
  verified: { ok: boolean; checked: number; brokenAt: number | null; at: number } | null;
}

export const AUDIT_PAGE = 200;

export const auditSlice = defineSlice({
  name: 'audit',
  loadAs: 'listAudit',
  initial: (): AuditState => ({ filter: {}, entries: [], total: 0, verified: null }),
  async load(t) {
    const { entries, total } = await t.client.call('audit.list', { ...t.get().filter, limit: AUDIT_PAGE });
    return { entries, total };
  },
  commands: (t) => ({
    filterAudit: async (filter: AuditFilter) => {
      t.set({ filter });
      const { entries, total } = await t.client.call('audit.list', { ...filter, limit: AUDIT_PAGE });
      // A newer filter meanwhile: its own answer stands.
      if (t.get().filter === filter) t.set({ entries, total });
      return total;
    },
    /** The records the filter selects, as an .xlsx workbook (at most AUDIT_EXPORT_MAX, the newest). */
    exportAudit: () => t.client.call('audit.export', { ...t.get().filter }),
    verifyAudit: async () => {
      const r = await t.client.call('audit.verify', {});
      t.set({ verified: { ...r, at: t.now() } });
      return r;
    },
  }),
});
