// What materials needs from outside its folder, handed over by app.ts (a capability never imports
// a sibling): the guarded .xlsx reader the roster import uses (zip checked before anything is
// inflated, exceljs run in a worker with a heap cap and a deadline).

import type { SheetCells, SheetReader } from '../shared/sheet-import';

export type { SheetCells };

export interface MaterialsLinks {
  workbook: SheetReader;
}
