// The duty log as an .xlsx workbook: sheet 值班日志 (one row per report) and sheet 处理记录 (every
// change of every report, time-stamped and attributed). Labels are Chinese, as the duty room
// files them; times are local wall-clock.
import {
  DUTY_ROLE_LABELS,
  REPORT_CATEGORY_LABELS,
  REPORT_SOURCE_LABELS,
  REPORT_STATUS_LABELS,
  SEVERITY_LABELS,
  type Report,
  type ReportEvent,
} from '../contract/duty';
import type { Column, Workbook, Worksheet } from 'exceljs';
import { DATE_TIME_FORMAT, excelDate } from './xlsx-cells';

export const LOG_SHEET = '值班日志';
export const LOG_HISTORY_SHEET = '处理记录';

const EVENT_LABELS: Record<ReportEvent['kind'], string> = {
  recorded: '接报登记',
  status: '状态变更',
  updated: '信息更正',
  escalated: '升级启动预案',
  linked: '关联响应',
  filed: '信息报送',
};

export async function writeLogWorkbook(reports: Report[], historyOf: (id: string) => ReportEvent[]): Promise<Buffer> {
  // Loaded on first use: exceljs is a large module, and a restarting hub should not wait for it.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Command Wall 越秀应急指挥大屏';
  const ws = tableSheet(wb, LOG_SHEET, 'receivedAt', [
    { header: '编号', key: 'id', width: 20 },
    { header: '接报时间', key: 'receivedAt', width: 18 },
    { header: '来源', key: 'source', width: 12 },
    { header: '类别', key: 'category', width: 12 },
    { header: '街道', key: 'street', width: 10 },
    { header: '地点', key: 'location', width: 28 },
    { header: '纬度', key: 'lat', width: 10 },
    { header: '经度', key: 'lng', width: 11 },
    { header: '事件摘要', key: 'summary', width: 50 },
    { header: '紧急程度', key: 'severity', width: 9 },
    { header: '状态', key: 'status', width: 9 },
    { header: '来电人', key: 'caller', width: 18 },
    { header: '登记人', key: 'recordedBy', width: 10 },
    { header: '关联响应', key: 'responses', width: 22 },
    { header: '演示数据', key: 'demo', width: 9 },
  ]);
  ws.getColumn('summary').alignment = { wrapText: true, vertical: 'top' };

  const hs = tableSheet(wb, LOG_HISTORY_SHEET, 'at', [
    { header: '报告编号', key: 'reportId', width: 20 },
    { header: '时间', key: 'at', width: 18 },
    { header: '操作', key: 'kind', width: 14 },
    { header: '原状态', key: 'from', width: 9 },
    { header: '新状态', key: 'to', width: 9 },
    { header: '说明', key: 'note', width: 40 },
    { header: '操作人', key: 'by', width: 10 },
    { header: '岗位', key: 'role', width: 10 },
  ]);

  for (const r of reports) {
    ws.addRow({
      id: r.id,
      receivedAt: excelDate(r.receivedAt),
      source: REPORT_SOURCE_LABELS[r.source].zh,
      category: REPORT_CATEGORY_LABELS[r.category].zh,
      street: r.street,
      location: r.location,
      lat: r.coordinates?.lat ?? null,
      lng: r.coordinates?.lng ?? null,
      summary: r.summary,
      severity: SEVERITY_LABELS[r.severity].zh,
      status: REPORT_STATUS_LABELS[r.status].zh,
      caller: r.caller,
      recordedBy: r.recordedBy.name,
      responses: r.responseIds.join(', '),
      demo: r.demo ? '是' : '',
    });
    for (const e of historyOf(r.id)) {
      const details = [e.note, e.fields.length ? `更正：${e.fields.join('、')}` : '', e.responseId ? `响应 ${e.responseId}` : ''].filter(Boolean).join('；');
      hs.addRow({
        reportId: r.id,
        at: excelDate(e.at),
        kind: EVENT_LABELS[e.kind],
        from: e.from ? REPORT_STATUS_LABELS[e.from].zh : '',
        to: e.to ? REPORT_STATUS_LABELS[e.to].zh : '',
        note: details,
        by: e.by.name,
        role: DUTY_ROLE_LABELS[e.by.role].zh,
      });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A sheet of one table: the header row bold and frozen, its time column shown as local date and time. */
function tableSheet(wb: Workbook, name: string, timeKey: string, columns: Partial<Column>[]): Worksheet {
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(timeKey).numFmt = DATE_TIME_FORMAT;
  return sheet;
}
