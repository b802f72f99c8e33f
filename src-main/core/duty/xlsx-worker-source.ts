/*
 * Source of the workbook worker, run with `new Worker(XLSX_WORKER_SOURCE, { eval: true })` by
 * xlsx-guard.ts, under a heap cap and a deadline.
 *
 * Plain JavaScript in a string for the same reason as the store's fold worker: an eval worker needs
 * no separate file, so it runs the same under vitest (the .ts sources) and in the bundled main
 * process. Nothing here is transpiled: it must stay self-contained CommonJS.
 *
 * It loads the workbook with exceljs and sends back the cells of one sheet (by name, else the
 * first), leaving the judging of rows to the main thread (roster-xlsx.ts), so the rules live in
 * one place. Values go as exceljs gives them (string, number, boolean, Date, or its objects for
 * rich text, formulas, hyperlinks and errors), which structured clone carries as they are.
 *
 * workerData: { exceljsEntry: absolute path, sheetName, bytes: Uint8Array, maxRows, maxCells }
 * Message out (one): { ok: true, sheet: SheetCells } | { ok: false, error: { zh, en } text for a person }
 */

/** The cells of one sheet that hold a value: rows in order, each with its [column, value] pairs. */
export interface SheetCells {
  name: string;
  rows: Array<[row: number, cells: Array<[column: number, value: unknown]>]>;
}

export type XlsxWorkerReply = { ok: true; sheet: SheetCells } | { ok: false; error: { zh: string; en: string } };

export const XLSX_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { exceljsEntry, sheetName, bytes, maxRows, maxCells } = workerData;

function text(e) {
  return e instanceof Error ? e.message : String(e);
}

async function read() {
  const ExcelJS = require(exceljsEntry);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    return { ok: false, error: { zh: '不是 .xlsx 工作簿（' + text(e) + '）', en: 'not an .xlsx workbook (' + text(e) + ')' } };
  }
  const ws = wb.getWorksheet(sheetName) || wb.worksheets[0];
  if (!ws) return { ok: false, error: { zh: '工作簿中没有工作表', en: 'the workbook has no sheet' } };
  const rows = [];
  let cells = 0;
  let refusal = null;
  ws.eachRow((row, r) => {
    if (refusal) return;
    const out = [];
    row.eachCell((cell, c) => out.push([c, cell.value]));
    cells += out.length;
    if (rows.length >= maxRows)
      refusal = {
        zh: '工作表“' + ws.name + '”超过 ' + maxRows + ' 行（正常的表格远少于此）',
        en: 'the sheet ' + ws.name + ' has more than ' + maxRows + ' rows (a roster workbook has far fewer)',
      };
    else if (cells > maxCells)
      refusal = {
        zh: '工作表“' + ws.name + '”超过 ' + maxCells + ' 个单元格（正常的表格远少于此）',
        en: 'the sheet ' + ws.name + ' has more than ' + maxCells + ' cells (a roster workbook has far fewer)',
      };
    else rows.push([r, out]);
  });
  if (refusal) return { ok: false, error: refusal };
  return { ok: true, sheet: { name: ws.name, rows } };
}

read().then(
  (reply) => {
    try {
      parentPort.postMessage(reply);
    } catch (e) {
      // A value structured clone cannot carry (none of exceljs's should be): say so, plainly.
      parentPort.postMessage({
        ok: false,
        error: { zh: '工作簿中有无法读取的单元格（' + text(e) + '）', en: 'the workbook holds a cell that cannot be read (' + text(e) + ')' },
      });
    }
  },
  (e) => parentPort.postMessage({ ok: false, error: { zh: '不是 .xlsx 工作簿（' + text(e) + '）', en: 'not an .xlsx workbook (' + text(e) + ')' } }),
);
`;
