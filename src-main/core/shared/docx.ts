// The look of every Word document the hub writes (the information report, the after-action
// report): 仿宋 for Chinese and Times New Roman for Latin, runs in half-points, left or centred
// paragraphs, tables ruled in thin black lines. One kit, so that two documents the duty room files
// side by side look the same. `docx` is loaded on first use: a restarting hub does not wait for it.
import type { Paragraph, Table, TableCell, TextRun } from 'docx';

export type DocxModule = typeof import('docx');

export interface RunOptions {
  bold?: boolean;
  /** Half-points (28 = 14 pt, the body size). */
  size?: number;
}

export interface ParaOptions extends RunOptions {
  center?: boolean;
  /** First-line indent of two characters. */
  indent?: boolean;
}

export interface DocxKit {
  docx: DocxModule;
  run(text: string, o?: RunOptions): TextRun;
  para(text: string, o?: ParaOptions): Paragraph;
  /** A table cell of one line; `center` for a figures table. */
  cell(text: string, o?: RunOptions & { center?: boolean }): TableCell;
  /** A ruled table with a header row repeated on every page. */
  table(head: string[], rows: string[][], o?: RunOptions & { center?: boolean }): Table;
}

export const DOCX_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋' };

export async function docxKit(): Promise<DocxKit> {
  const docx = await import('docx');
  const { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = docx;
  const run = (text: string, o: RunOptions = {}): TextRun => new TextRun({ text, bold: o.bold, size: o.size ?? 28, font: DOCX_FONT });
  const para = (text: string, o: ParaOptions = {}): Paragraph =>
    new Paragraph({
      alignment: o.center ? AlignmentType.CENTER : AlignmentType.LEFT,
      indent: o.indent ? { firstLine: 560 } : undefined,
      spacing: { after: 120 },
      children: [run(text, o)],
    });
  const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line };
  const cell = (text: string, o: RunOptions & { center?: boolean } = {}): TableCell =>
    new TableCell({
      children: [
        new Paragraph({ alignment: o.center ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(text, { bold: o.bold, size: o.size ?? 24 })] }),
      ],
    });
  const table = (head: string[], rows: string[][], o: RunOptions & { center?: boolean } = {}): Table =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders,
      rows: [
        new TableRow({ tableHeader: true, children: head.map((h) => cell(h, { ...o, bold: true })) }),
        ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c, o)) })),
      ],
    });
  return { docx, run, para, cell, table };
}
