// PDF documents in Chinese, offline: pdfkit embedding a subset of the WenQuanYi Micro Hei font
// (the system package fonts-wqy-microhei). Without the font a PDF is refused, naming the missing
// file. Used by information reporting (the written report) and duty (the printed shift report).
import { existsSync } from 'node:fs';
import { RefusedError } from '../contract/errors';

/** The offline CJK font the PDFs embed (Debian's fonts-wqy-microhei). */
export const CJK_FONT_FILE = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
/** The face inside the collection (its PostScript name). */
const CJK_FONT_FAMILY = 'WenQuanYiMicroHei';

export interface CjkPdf {
  doc: PDFKit.PDFDocument;
  /** The whole file, once `doc.end()` has been called. */
  done: Promise<Buffer>;
}

/**
 * An A4 document with the CJK font registered as 'cjk' and selected. `bufferPages` keeps every
 * page open until the end, so page numbers ("第 n 页 共 m 页") can be written once the count is known.
 */
export async function openCjkPdf(
  opts: { title: string; margins?: { top: number; bottom: number; left: number; right: number }; bufferPages?: boolean },
  fontFile = CJK_FONT_FILE,
): Promise<CjkPdf> {
  if (!existsSync(fontFile))
    throw new RefusedError({
      zh: `服务器缺少中文字体 ${fontFile}（请安装 fonts-wqy-microhei），无法生成 PDF`,
      en: `the CJK font ${fontFile} is missing: install fonts-wqy-microhei`,
    });
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: opts.margins ?? { top: 64, bottom: 64, left: 72, right: 72 },
    bufferPages: opts.bufferPages ?? false,
    info: { Title: opts.title, Creator: 'Command Wall' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', fontFile, CJK_FONT_FAMILY);
  doc.font('cjk');
  return { doc, done };
}

/** Writes "第 n 页 共 m 页" centred at the foot of every page (a document opened with bufferPages). */
export function numberPages(doc: PDFKit.PDFDocument, extra = ''): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { bottom } = doc.page.margins;
    // Below the bottom margin: lift it while writing, or pdfkit would start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('cjk')
      .fontSize(9)
      .text(`${extra ? `${extra}    ` : ''}第 ${i - range.start + 1} 页 共 ${range.count} 页`, doc.page.margins.left, doc.page.height - bottom + 20, {
        width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}
