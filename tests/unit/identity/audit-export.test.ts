// The audit trail exported to .xlsx (issue 14): audit.export takes the filters of audit.list, and
// the workbook read back (exceljs) holds the same records, oldest first, with who, where, which
// method, the outcome and the chain's hashes. Through a real hub, against the real store.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { connect } from '../../support/rpc-socket';
import { demoHub, demoPeople, ok, PASSWORD } from './demo-hub';

const h = demoHub('test-token-audit-export');

async function readBack(base64: string): Promise<{ header: string[]; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('审计日志')!;
  const values = (r: number): unknown[] => (ws.getRow(r).values as unknown[]).slice(1);
  const rows: unknown[][] = [];
  for (let r = 2; r <= ws.rowCount; r++) rows.push(values(r));
  return { header: values(1) as string[], rows };
}

describe('audit.export', () => {
  it('writes the records the list’s filters select, oldest first, and reads back as they are', async () => {
    const admin = await connect(h.url);
    const { officer } = await demoPeople(admin, 'officer');
    const s = await connect(h.url);
    expect((await s.call('auth.signIn', { name: officer.name, password: 'wrong password' })).error?.code).toBe(-32001);
    await ok(s, 'auth.signIn', { name: officer.name, password: PASSWORD });

    // Everything: the same records as the list, oldest first.
    const all = await ok(admin, 'audit.export', {});
    const listed = (await ok(admin, 'audit.list', { limit: 1000 })).entries.reverse();
    expect(all).toMatchObject({ mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', rows: listed.length });
    expect(all.fileName).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}至\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = await readBack(all.base64);
    expect(book.header).toEqual([
      '序号',
      '时间',
      '人员',
      '人员编号',
      '终端',
      '街道',
      '通道',
      '操作',
      '结果',
      '原因',
      '登录名',
      '地址',
      '参数摘要（SHA-256）',
      '记录哈希（SHA-256）',
    ]);
    expect(book.rows.map((r) => r[0])).toEqual(listed.map((e: { seq: number }) => e.seq));
    expect(book.rows.map((r) => r[13])).toEqual(listed.map((e: { hash: string }) => e.hash));
    // Local wall-clock time (UTC+08:00) in the time column.
    const firstAt = (book.rows[0][1] as Date).getTime();
    expect(firstAt - listed[0].at).toBe(8 * 3600_000);

    // The list's filters: one method; one person; a time range.
    const signIns = await readBack((await ok(admin, 'audit.export', { method: 'auth.signIn' })).base64);
    expect(signIns.rows.map((r) => [r[7], r[8]])).toEqual([
      ['auth.signIn', '拒绝'],
      ['auth.signIn', '完成'],
    ]);
    expect(signIns.rows[0][9]).toBe('wrong password');
    expect(signIns.rows[0][10]).toBe(officer.name);
    expect(signIns.rows[1][2]).toBe(officer.name);
    const mine = await ok(admin, 'audit.export', { personId: officer.id });
    expect((await readBack(mine.base64)).rows.every((r) => r[3] === officer.id)).toBe(true);
    const none = await ok(admin, 'audit.export', { from: Date.now() + 3_600_000 });
    expect(none.rows).toBe(0);
    // At most `limit`, the newest.
    const two = await readBack((await ok(admin, 'audit.export', { limit: 2 })).base64);
    expect(two.rows.map((r) => r[0])).toEqual(listed.slice(-2).map((e: { seq: number }) => e.seq));

    // Bad input names the field; the trail is for those who hold audit.read.
    const bad = await admin.call('audit.export', { method: 'not a method' });
    expect(bad.error?.code).toBe(-32602);
    expect(bad.error?.message).toContain('params.method');
    const refused = await s.call('audit.export', {});
    expect(refused.error?.code).toBe(-32003);
    expect(refused.error?.message).toContain('audit.read');
    for (const x of [admin, s]) x.close();
  });
});
