// The audit trail as an .xlsx workbook (audit.export): sheet 审计日志, one row per record, oldest
// first, with the filters of the list. Labels are Chinese, as the centre files them; times are
// local wall-clock (UTC+08:00, as the other workbooks: an Excel cell has no zone).
import type { AuditEntry } from '../contract/identity';
import { MAX_FILE_BASE64_BYTES, type FileDownload } from '../contract/primitives';
import { RefusedError } from '../contract/errors';
import { localDateString, UTC_OFFSET_MS } from '../contract/yuexiu';

export const AUDIT_SHEET = '审计日志';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const TRANSPORT_LABELS: Record<AuditEntry['transport'], string> = { ipc: '本机窗口', ws: '网络连接', http: '注册接口', local: '本机' };
const OUTCOME_LABELS = { done: '完成', refused: '拒绝' } as const;

/** Records oldest first; `now` names the file when the filter has no end. */
export async function writeAuditWorkbook(entries: AuditEntry[], range: { from?: number; to?: number }, now: number): Promise<FileDownload> {
  // Loaded on first use: exceljs is a large module.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Command Wall 越秀应急指挥大屏';
  const ws = wb.addWorksheet(AUDIT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '序号', key: 'seq', width: 8 },
    { header: '时间', key: 'at', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } },
    { header: '人员', key: 'personName', width: 10 },
    { header: '人员编号', key: 'personId', width: 18 },
    { header: '终端', key: 'machineId', width: 20 },
    { header: '街道', key: 'street', width: 10 },
    { header: '通道', key: 'transport', width: 10 },
    { header: '操作', key: 'method', width: 26 },
    { header: '结果', key: 'outcome', width: 6 },
    { header: '原因', key: 'reason', width: 24 },
    { header: '登录名', key: 'name', width: 12 },
    { header: '地址', key: 'address', width: 16 },
    { header: '参数摘要（SHA-256）', key: 'paramsDigest', width: 30 },
    { header: '记录哈希（SHA-256）', key: 'hash', width: 30 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const e of entries) {
    ws.addRow({
      seq: e.seq,
      at: new Date(e.at + UTC_OFFSET_MS),
      personName: e.personName ?? '',
      personId: e.personId ?? '',
      machineId: e.machineId ?? '',
      street: e.street ?? '',
      transport: TRANSPORT_LABELS[e.transport],
      method: e.method,
      outcome: e.detail ? OUTCOME_LABELS[e.detail.outcome] : '',
      reason: e.detail?.reason ?? '',
      name: e.detail?.name ?? '',
      address: e.detail?.address ?? '',
      paramsDigest: e.paramsDigest,
      hash: e.hash,
    });
  }
  const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  if (base64.length > MAX_FILE_BASE64_BYTES)
    throw new RefusedError({
      zh: `导出的 ${entries.length} 条记录超出单个文件的大小：请缩小时间范围或减少条数（limit）`,
      en: `the export of ${entries.length} records is too large for one file: narrow the time range or lower limit`,
    });
  const from = range.from !== undefined ? localDateString(range.from) : entries[0] ? localDateString(entries[0].at) : localDateString(now);
  const to = localDateString(range.to !== undefined ? range.to - 1 : now);
  return { fileName: `审计日志-${from}至${to}.xlsx`, mediaType: XLSX, base64, rows: entries.length };
}
