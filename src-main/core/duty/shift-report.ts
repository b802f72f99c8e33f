// The printed shift report (值班记录 · 交接班报告) of a period, as PDF: this centre's name, the
// shift's times and the people on duty, the handovers, every report handled in the period with
// its handling history (every change, who and when), the plan responses running with their
// actions and times, the warnings in force, page numbers (第 n 页 共 m 页) and signature lines.
// The model is plain data (tested on its own); the writer lays it out with pdfkit (core/shared/pdf).
import { DUTY_ROLE_LABELS, REPORT_CATEGORY_LABELS, REPORT_STATUS_LABELS, SEVERITY_LABELS, type Report, type ReportEvent } from '../contract/duty';
import { ACTION_STATUS_LABELS, RESPONSE_LEVEL_LABELS, type Response } from '../contract/plans';
import { formatLocal, formatLocalRange, localParts } from '../contract/yuexiu';
import { numberPages, openCjkPdf } from '../shared/pdf';
import type { Reader } from '../shared/records';
import { getReport, reportHistory } from './duty-log';
import type { DutySources } from './handover';
import { shiftsOverlapping } from './roster';

export const SHIFT_REPORT_TITLE = '值班记录 · 交接班报告';
/** The centre's name when no source gives it (a core composed without the centre). */
const DEFAULT_CENTRE = '越秀区应急指挥中心';
/** Most reports one printed report lists (a shift's worth is far fewer). */
const MAX_REPORTS = 500;

export interface ShiftReportModel {
  centre: string;
  period: string;
  printedAt: string;
  onDuty: string[];
  handovers: string[];
  reports: { heading: string; history: string[] }[];
  responses: { heading: string; actions: string[] }[];
  warnings: string[];
}

const z = (l: { zh: string }): string => l.zh;

/** One line of a report's handling history: when, who, what. */
export function historyLine(e: ReportEvent, responseName: (id: string | null) => string): string {
  const what = (() => {
    switch (e.kind) {
      case 'recorded':
        return '登记接报';
      case 'status':
        return `状态 ${e.from ? z(REPORT_STATUS_LABELS[e.from]) : '—'} → ${e.to ? z(REPORT_STATUS_LABELS[e.to]) : '—'}`;
      case 'updated':
        return `修改 ${e.fields.join('、')}`;
      case 'escalated':
        return `启动预案响应 ${responseName(e.responseId)}`;
      case 'linked':
        return `并入预案响应 ${responseName(e.responseId)}`;
      case 'filed':
        return '报送书面报告';
    }
  })();
  return `${formatLocal(e.at)}  ${e.by.name}  ${what}${e.note ? `（${e.note}）` : ''}`;
}

function responseName(r: Pick<Response, 'planTitle' | 'level'>): string {
  return `${r.planTitle} ${z(RESPONSE_LEVEL_LABELS[r.level])}`;
}

/** Reports received in the period, or still open during it, or changed in it; oldest first. */
function reportsOfPeriod(db: Reader, from: number, to: number): Report[] {
  const ids = db.all<{ id: string }>(
    `SELECT id FROM duty_report WHERE received_at < ? AND (received_at >= ? OR status <> 'closed'
       OR id IN (SELECT report_id FROM duty_report_event WHERE at >= ? AND at < ?))
     ORDER BY received_at, rowid LIMIT ?`,
    [to, from, from, to, MAX_REPORTS],
  );
  return ids.map((x) => getReport(db, x.id));
}

export async function shiftReportModel(db: Reader, sources: DutySources | undefined, from: number, to: number, now: number): Promise<ShiftReportModel> {
  const responses = sources?.responses?.(from, to, Math.min(now, to)) ?? [];
  const named = new Map(responses.map((r) => [r.id, responseName(r)]));
  const nameOf = (id: string | null): string => (id && named.get(id)) || '（预案响应）';

  const onDuty = shiftsOverlapping(db, from, to).map(
    (s) => `${z(DUTY_ROLE_LABELS[s.role])}  ${s.person.name}  ${formatLocalRange(s.start, s.end)}${s.person.phone ? `  ${s.person.phone}` : ''}`,
  );
  const handovers = db
    .all<{ outgoing_name: string; incoming_name: string; handed_over_at: number; confirmed_at: number | null; status: string; notes: string }>(
      'SELECT outgoing_name, incoming_name, handed_over_at, confirmed_at, status, notes FROM duty_handover WHERE handed_over_at >= ? AND handed_over_at < ? ORDER BY handed_over_at',
      [from, to],
    )
    .map(
      (h) =>
        `交班 ${h.outgoing_name} → 接班 ${h.incoming_name}，交班于 ${formatLocal(h.handed_over_at)}，${
          h.confirmed_at ? `接班于 ${formatLocal(h.confirmed_at)}` : h.status === 'cancelled' ? '已撤回' : '待接班'
        }${h.notes ? `；说明：${h.notes}` : ''}`,
    );
  const reports = reportsOfPeriod(db, from, to).map((r) => ({
    heading: `【${z(REPORT_STATUS_LABELS[r.status])}】${r.street} · ${z(REPORT_CATEGORY_LABELS[r.category])} · ${z(SEVERITY_LABELS[r.severity])} · 接报 ${formatLocal(r.receivedAt)}  ${r.summary}`,
    history: reportHistory(db, r.id)
      .filter((e) => e.at < to)
      .map((e) => historyLine(e, nameOf)),
  }));
  const responseBlocks = responses.map((r) => ({
    heading: `${responseName(r)}  启动于 ${formatLocal(r.activatedAt)}（${r.activatedBy.name}）${
      r.closedAt ? `，结束于 ${formatLocal(r.closedAt)}${r.closedBy ? `（${r.closedBy.name}）` : ''}` : '，响应中'
    }`,
    actions: r.actions.map(
      (a) =>
        `${z(ACTION_STATUS_LABELS[a.status])}${a.overdue ? '·逾期' : ''}  ${a.text}  ${a.unit}${a.owner && a.owner !== a.unit ? `/${a.owner}` : ''}  时限 ${formatLocal(a.dueAt)}${
          a.startedAt ? `  开始 ${formatLocal(a.startedAt)}` : ''
        }${a.doneAt ? `  完成 ${formatLocal(a.doneAt)}` : ''}${a.note ? `  ${a.note}` : ''}`,
    ),
  }));
  const warnings = ((await sources?.warnings?.()) ?? []).map(
    (w) => `${w.event}  发布 ${formatLocal(w.issuedAt)}${w.expiresAt ? `  至 ${formatLocal(w.expiresAt)}` : ''}${w.headline ? `  ${w.headline}` : ''}`,
  );
  return {
    centre: (await sources?.centreName?.()) || DEFAULT_CENTRE,
    period: formatLocalRange(from, to),
    printedAt: formatLocal(now),
    onDuty,
    handovers,
    reports,
    responses: responseBlocks,
    warnings,
  };
}

/** "交接班报告-20250610-0800.pdf" (the period's start). */
export function shiftReportFileName(from: number): string {
  const p = localParts(from);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `交接班报告-${p.year}${pad(p.month)}${pad(p.day)}-${pad(p.hour)}${pad(p.minute)}.pdf`;
}

export async function writeShiftReportPdf(m: ShiftReportModel, fontFile?: string): Promise<Buffer> {
  const { doc, done } = await openCjkPdf(
    { title: `${m.centre} ${SHIFT_REPORT_TITLE}`, bufferPages: true, margins: { top: 56, bottom: 64, left: 56, right: 56 } },
    fontFile,
  );
  const left = 56;
  const width = doc.page.width - 112;
  const heading = (text: string): void => {
    doc.moveDown(0.6).fontSize(13).text(text, left, doc.y, { width }).moveDown(0.2);
  };
  const line = (text: string, indent = 0): void => {
    doc.fontSize(10).text(text, left + indent, doc.y, { width: width - indent });
  };
  const none = (): void => line('无', 12);

  doc.fontSize(18).text(m.centre, { align: 'center' });
  doc.fontSize(15).text(SHIFT_REPORT_TITLE, { align: 'center' }).moveDown(0.5);
  doc.fontSize(11).text(`值班时段：${m.period}`, left, doc.y, { width });
  doc.text(`打印时间：${m.printedAt}`, left, doc.y, { width });

  heading('一、值班人员');
  if (m.onDuty.length === 0) none();
  for (const s of m.onDuty) line(s, 12);

  heading('二、交接班');
  if (m.handovers.length === 0) none();
  for (const h of m.handovers) line(h, 12);

  heading(`三、接报及处理经过（${m.reports.length} 起）`);
  if (m.reports.length === 0) none();
  for (const [i, r] of m.reports.entries()) {
    doc.moveDown(0.2);
    line(`${i + 1}. ${r.heading}`, 0);
    for (const h of r.history) line(h, 18);
  }

  heading(`四、预案响应（${m.responses.length} 项）`);
  if (m.responses.length === 0) none();
  for (const r of m.responses) {
    doc.moveDown(0.2);
    line(r.heading, 0);
    for (const a of r.actions) line(a, 18);
  }

  heading(`五、生效预警（${m.warnings.length} 条）`);
  if (m.warnings.length === 0) none();
  for (const w of m.warnings) line(w, 12);

  doc.moveDown(2).fontSize(11);
  doc.text('交班人（签名）：____________        接班人（签名）：____________        带班领导（签名）：____________', left, doc.y, { width });
  numberPages(doc, `${m.centre} ${SHIFT_REPORT_TITLE}`);
  doc.end();
  return done;
}
