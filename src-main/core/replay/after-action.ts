// The after-action report (复盘报告) of one response: what it says (a model, tested by its figures)
// and the .docx the `docx` library writes of it, in the look every document of the hub shares
// (core/shared/docx.ts: 仿宋, ruled tables).
import type { FilingDue, Incident, MaterialMove, TaskTimes, TeamSortie, TimelineRow } from '../contract/replay';
import { RESPONSE_LEVEL_LABELS } from '../contract/plans';
import { TASK_STATE_LABELS } from '../contract/tasks';
import { formatLocal, localParts } from '../contract/yuexiu';
import { docxKit } from '../shared/docx';

export const AFTER_ACTION_TITLE = '突发事件应急处置复盘报告';

const minutes = (from: number, to: number | null): string => (to === null ? '—' : String(Math.round((to - from) / 60_000)));

export interface AfterAction {
  title: string;
  incident: Incident;
  generatedAt: number;
  /** [时间, 事项, 人员] */
  timeline: [string, string, string][];
  /** [指令, 接收单位, 状态, 下达, 接收用时(分), 办结用时(分)] */
  tasks: [string, string, string, string, string, string][];
  /** [队伍, 出动, 到达, 到达用时(分)] */
  teams: [string, string, string, string][];
  /** [时间, 物资, 数量, 调出, 调入] */
  materials: [string, string, string, string, string][];
  /** [事件, 报告, 报送时间, 时限, 是否按时] */
  filings: [string, string, string, string, string][];
  summary: { tasks: number; tasksDone: number; meanAckMin: string; teams: number; meanArriveMin: string; filings: number; filingsLate: number };
}

const TIMELINE_KIND: Record<string, string> = {
  activated: '启动响应',
  level: '调整级别',
  action: '处置事项',
  note: '记录',
  report: '关联接报',
  closed: '结束响应',
};

function mean(xs: number[]): string {
  return xs.length === 0 ? '—' : (xs.reduce((a, b) => a + b, 0) / xs.length / 60_000).toFixed(1);
}

export function afterActionModel(p: {
  incident: Incident;
  timeline: TimelineRow[];
  tasks: TaskTimes[];
  sorties: TeamSortie[];
  materials: MaterialMove[];
  filings: (FilingDue & { report: string })[];
  generatedAt: number;
}): AfterAction {
  const acked = p.tasks.filter((t) => t.receivedAt !== null);
  const arrived = p.sorties.filter((s) => s.arrivedAt !== null);
  return {
    title: AFTER_ACTION_TITLE,
    incident: p.incident,
    generatedAt: p.generatedAt,
    timeline: p.timeline.map((e) => [formatLocal(e.at), `${TIMELINE_KIND[e.kind] ?? e.kind}${e.text ? `：${e.text}` : ''}`, e.by]),
    tasks: p.tasks.map((t) => [
      t.title,
      t.addressee,
      TASK_STATE_LABELS[t.state].zh,
      formatLocal(t.issuedAt),
      minutes(t.issuedAt, t.receivedAt),
      minutes(t.issuedAt, t.finishedAt),
    ]),
    teams: p.sorties.map((s) => [
      s.name,
      formatLocal(s.dispatchedAt),
      s.arrivedAt === null ? '未到达' : formatLocal(s.arrivedAt),
      minutes(s.dispatchedAt, s.arrivedAt),
    ]),
    materials: p.materials.map((m) => [formatLocal(m.at), m.item, `${m.quantity}${m.unit}`, m.from, m.to ?? '—']),
    filings: p.filings.map((f) => [f.report, f.title, formatLocal(f.submittedAt), formatLocal(f.dueAt), f.met ? '按时' : '超时']),
    summary: {
      tasks: p.tasks.length,
      tasksDone: p.tasks.filter((t) => t.state === 'done').length,
      meanAckMin: mean(acked.map((t) => (t.receivedAt as number) - t.issuedAt)),
      teams: p.sorties.length,
      meanArriveMin: mean(arrived.map((s) => (s.arrivedAt as number) - s.dispatchedAt)),
      filings: p.filings.length,
      filingsLate: p.filings.filter((f) => !f.met).length,
    },
  };
}

export function afterActionFileName(m: AfterAction): string {
  const d = localParts(m.incident.from);
  return `${AFTER_ACTION_TITLE}-${m.incident.title}-${d.year}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}.docx`;
}

export async function writeAfterActionDocx(m: AfterAction): Promise<Buffer> {
  const { docx, para, table: ruled } = await docxKit();
  const { Document, Packer } = docx;
  const table = (head: string[], rows: string[][]) => (rows.length === 0 ? para('（无）') : ruled(head, rows, { size: 21 }));
  const s = m.summary;
  const doc = new Document({
    creator: 'Command Wall 越秀应急指挥大屏',
    title: `${m.title}（${m.incident.title}）`,
    sections: [
      {
        children: [
          para(m.title, { bold: true, size: 40, center: true }),
          para(`${m.incident.title}（${RESPONSE_LEVEL_LABELS[m.incident.level].zh}）`, { size: 30, center: true }),
          para(`响应时段：${formatLocal(m.incident.from)} 至 ${m.incident.active ? `${formatLocal(m.incident.to)}（仍在响应）` : formatLocal(m.incident.to)}`),
          para(`生成时间：${formatLocal(m.generatedAt)}`),
          para('一、总体情况', { bold: true }),
          para(
            `下达指令 ${s.tasks} 条，办结 ${s.tasksDone} 条，平均接收用时 ${s.meanAckMin} 分钟；出动队伍 ${s.teams} 队次，平均到达用时 ${s.meanArriveMin} 分钟；` +
              `信息报送 ${s.filings} 份，超时 ${s.filingsLate} 份。`,
          ),
          para('二、处置时间线', { bold: true }),
          table(['时间', '事项', '人员'], m.timeline),
          para('三、指令执行', { bold: true }),
          table(['指令', '接收单位', '状态', '下达时间', '接收用时（分）', '办结用时（分）'], m.tasks),
          para('四、队伍出动', { bold: true }),
          table(['队伍', '出动时间', '到达时间', '到达用时（分）'], m.teams),
          para('五、物资调拨', { bold: true }),
          table(['时间', '物资', '数量', '调出', '调入'], m.materials),
          para('六、信息报送', { bold: true }),
          table(['事件', '报告', '报送时间', '时限', '是否按时'], m.filings),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
