// 审计日志 (issue 14): the audit trail, newest first, filtered by person, method and time; each
// entry says who (person, machine, street), how, which method, done or refused (a failed sign-in
// names the name tried and why) and from which address; 校验 checks the hash chain.
import { useState } from 'react';
import { methodNames } from '@contract/api';
import type { AuditEntry } from '@contract/identity';
import { useT } from '../../i18n/use-t';
import { formatTime } from '../../shared/format';
import { useCommands, useSlice } from '../../state/context';
import { dutySlice } from '../../state/duty/duty-slice';
import { parseLocalInput } from '../../state/duty/format';
import { auditSlice, type AuditFilter } from '../../state/identity/audit-slice';
import { CommandStatus } from '../CommandStatus';
import { saveDownload } from '../duty/file-io';
import { useCommand } from '../use-command';

function outcomeText(e: AuditEntry, t: ReturnType<typeof useT>): string {
  if (!e.detail) return '';
  if (e.detail.outcome === 'done') return t('audit.done');
  return t('audit.refused', { reason: e.detail.reason ?? '', name: e.detail.name ?? '' });
}

export function AuditConsole() {
  const t = useT();
  const entries = useSlice(auditSlice, (s) => s.entries);
  const total = useSlice(auditSlice, (s) => s.total);
  const verified = useSlice(auditSlice, (s) => s.verified);
  const people = useSlice(dutySlice, (s) => s.people);
  const { filterAudit, verifyAudit, exportAudit } = useCommands(auditSlice);
  const filterCmd = useCommand();
  const verifyCmd = useCommand();
  const exportCmd = useCommand();
  const download = async () => {
    const file = await exportAudit();
    if (file) saveDownload(file);
    return file;
  };
  const [personId, setPersonId] = useState('');
  const [method, setMethod] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  const apply = (): void => {
    const f: AuditFilter = {};
    if (personId) f.personId = personId;
    if (method.trim()) f.method = method.trim();
    const a = from ? parseLocalInput(from) : null;
    const b = to ? parseLocalInput(to) : null;
    if (a !== null) f.from = a;
    if (b !== null) f.to = b;
    void filterCmd.run(() => filterAudit(f));
  };

  return (
    <section className="console-section admin-audit" data-testid="audit-console">
      <h2>{t('audit.title')}</h2>
      <form
        className="audit-filter"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label className="field">
          <span className="field-label">{t('audit.person')}</span>
          <select data-testid="audit-person" value={personId} onChange={(e) => setPersonId(e.target.value)}>
            <option value="">{t('audit.anyone')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('audit.method')}</span>
          <input data-testid="audit-method" list="audit-methods" maxLength={80} value={method} onChange={(e) => setMethod(e.target.value)} />
          <datalist id="audit-methods">
            {methodNames.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span className="field-label">{t('audit.from')}</span>
          <input type="datetime-local" data-testid="audit-from" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('audit.to')}</span>
          <input type="datetime-local" data-testid="audit-to" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit" className="primary" data-testid="audit-apply" disabled={filterCmd.busy}>
          {t('audit.apply')}
        </button>
        <button type="button" data-testid="audit-verify" disabled={verifyCmd.busy} onClick={() => void verifyCmd.run(verifyAudit)}>
          {t('audit.verify')}
        </button>
        <button type="button" data-testid="audit-export" disabled={exportCmd.busy} onClick={() => void exportCmd.run(download)}>
          {t('audit.export')}
        </button>
        {filterCmd.error !== null && <CommandStatus cmd={filterCmd} testId="audit-filter" />}
        {exportCmd.error !== null && <CommandStatus cmd={exportCmd} testId="audit-export" />}
        {verifyCmd.error !== null && <CommandStatus cmd={verifyCmd} testId="audit-verify" />}
      </form>
      {verified && (
        <p className={verified.ok ? 'audit-verified ok' : 'audit-verified broken'} role="status" data-testid="audit-verified">
          {verified.ok ? t('audit.chainOk', { n: verified.checked }) : t('audit.chainBroken', { seq: verified.brokenAt ?? 0, n: verified.checked })}
        </p>
      )}
      <p className="field-hint">{t('audit.count', { shown: entries.length, total })}</p>
      <table className="audit-table" data-testid="audit-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('audit.at')}</th>
            <th>{t('audit.person')}</th>
            <th>{t('audit.machine')}</th>
            <th>{t('audit.method')}</th>
            <th>{t('audit.outcome')}</th>
            <th>{t('audit.address')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq} className={e.detail?.outcome === 'refused' ? 'refused' : undefined} data-testid={`audit-${e.seq}`}>
              <td>{e.seq}</td>
              <td>{formatTime(e.at)}</td>
              <td>{e.personName ?? '—'}</td>
              <td>
                {e.machineId ?? e.transport}
                {e.street ? ` · ${e.street}` : ''}
              </td>
              <td>
                <code>{e.method}</code>
              </td>
              <td>{outcomeText(e, t)}</td>
              <td>{e.detail?.address ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
