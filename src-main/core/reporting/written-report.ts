// The written report (突发事件信息报告) of one version, in the standard layout the duty room files:
// title and the version (首报 / 续报N / 终报), 报送单位 and 时间, the incident's particulars, the
// figures as a table, 一、事件概况 二、事件原因 三、已采取措施, and 签发人. One model, two writers:
// .docx with the `docx` library, PDF with `pdfkit` embedding the WenQuanYi Micro Hei font (the
// system package fonts-wqy-microhei; without it the PDF is refused, naming the missing file).
import { REPORT_CATEGORY_LABELS, type Report } from '../contract/duty';
import { EVENT_CLASS_LABELS, EVENT_LEVEL_LABELS, FIGURE_KEYS, FIGURE_LABELS, type Filing } from '../contract/reporting';
import { formatLocal, localParts } from '../contract/yuexiu';
import { docxKit } from '../shared/docx';
import { CJK_FONT_FILE, openCjkPdf } from '../shared/pdf';
import { filingTitle } from './reporting-service';

export const REPORT_TITLE = '突发事件信息报告';

interface Model {
  title: string;
  version: string;
  unit: string;
  time: string;
  particulars: [string, string][];
  figures: [string, string, string][];
  sections: [string, string][];
  signer: string;
  submitter: string;
}

function chineseDateTime(ms: number): string {
  const p = localParts(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${p.year}年${p.month}月${p.day}日 ${two(p.hour)}:${two(p.minute)}`;
}

function model(report: Report, filing: Filing): Model {
  const overview = [report.summary, filing.text].filter((s) => s.trim() !== '').join('\n');
  return {
    title: REPORT_TITLE,
    version: `（${filingTitle(filing)}）`,
    unit: filing.unit,
    time: chineseDateTime(filing.submittedAt),
    particulars: [
      ['接报时间', formatLocal(report.receivedAt)],
      ['事发地点', `${report.street} ${report.location}`],
      ['事件类别', `${EVENT_CLASS_LABELS[filing.eventClass].zh}（${REPORT_CATEGORY_LABELS[report.category].zh}）`],
      ['事件级别', EVENT_LEVEL_LABELS[filing.level].zh],
    ],
    figures: FIGURE_KEYS.map((k) => [FIGURE_LABELS[k].zh, String(filing.figures[k]), FIGURE_LABELS[k].unit.zh]),
    sections: [
      ['一、事件概况', overview || '（无）'],
      ['二、事件原因', filing.cause || '（正在调查）'],
      ['三、已采取措施', filing.measures || '（无）'],
    ],
    signer: filing.signer,
    submitter: filing.by.name,
  };
}

export function fileBaseName(report: Report, filing: Filing): string {
  const p = localParts(filing.submittedAt);
  const stamp = `${p.year}${String(p.month).padStart(2, '0')}${String(p.day).padStart(2, '0')}`;
  return `${REPORT_TITLE}-${report.street}-${filingTitle(filing)}-${stamp}`;
}

// ---- .docx -----------------------------------------------------------------------------
export async function writeDocx(report: Report, filing: Filing): Promise<Buffer> {
  const { docx, run, para, table } = await docxKit();
  const { Document, Packer, Paragraph } = docx;
  const m = model(report, filing);
  const figures = table(['项目', '数量', '单位'], m.figures, { center: true });
  const doc = new Document({
    creator: 'Command Wall 越秀应急指挥大屏',
    title: `${m.title}${m.version}`,
    sections: [
      {
        children: [
          para(m.title, { bold: true, size: 44, center: true }),
          para(m.version, { size: 32, center: true }),
          para(`报送单位：${m.unit}`),
          para(`时间：${m.time}`),
          ...m.particulars.map(([k, v]) => para(`${k}：${v}`)),
          para('人员伤亡及损失情况', { bold: true }),
          figures,
          ...m.sections.flatMap(([heading, body]) => [para(heading, { bold: true }), ...body.split('\n').map((b) => para(b, { indent: true }))]),
          new Paragraph({ spacing: { before: 360 }, children: [run(`签发人：${m.signer}`), run(`        报送人：${m.submitter}`)] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// ---- PDF ---------------------------------------------------------------------------------
export async function writePdf(report: Report, filing: Filing, fontFile = CJK_FONT_FILE): Promise<Buffer> {
  const m = model(report, filing);
  const { doc, done } = await openCjkPdf({ title: `${m.title}${m.version}` }, fontFile);
  const width = doc.page.width - 144;
  const left = 72;
  doc.fontSize(22).text(m.title, { align: 'center' });
  doc.fontSize(16).text(m.version, { align: 'center' }).moveDown(0.8);
  doc.fontSize(12);
  doc.text(`报送单位：${m.unit}`);
  doc.text(`时间：${m.time}`);
  for (const [k, v] of m.particulars) doc.text(`${k}：${v}`);
  doc.moveDown(0.5).fontSize(12).text('人员伤亡及损失情况').moveDown(0.3);
  // The figures as a ruled table of three columns.
  const cols = [width * 0.5, width * 0.25, width * 0.25];
  const rowH = 20;
  let y = doc.y;
  for (const [i, row] of [['项目', '数量', '单位'], ...m.figures].entries()) {
    let x = left;
    for (const [c, text] of row.entries()) {
      doc.rect(x, y, cols[c], rowH).lineWidth(0.6).stroke();
      doc.fontSize(i === 0 ? 11 : 10.5).text(text, x, y + 5, { width: cols[c], align: 'center', lineBreak: false });
      x += cols[c];
    }
    y += rowH;
  }
  doc.x = left;
  doc.y = y + 12;
  for (const [heading, body] of m.sections) {
    doc.fontSize(13).text(heading, left, doc.y, { width });
    doc.fontSize(12).text(body, { width, indent: 24 }).moveDown(0.5);
  }
  doc.moveDown(1).fontSize(12).text(`签发人：${m.signer}        报送人：${m.submitter}`, { width });
  doc.end();
  return done;
}
