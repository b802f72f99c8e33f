// Applying a roster workbook: people matched by name (new names become new people, which needs
// their phone and unit), shifts with a 编号 updated and the others created, and the whole set
// judged by the same rules as a form's change. All or nothing: any problem rolls back the one
// transaction, new people included, and the refusal lists every row at fault.
import type { PersonRef } from '../contract/duty';
import type { Store } from '../store';
import { findPersonByName, putPerson } from './people';
import { actorRef } from '../shared/records';
import { checkShiftChange, writeShiftChange, type ChangeOptions } from './roster';
import { readRosterWorkbook, refuseImport, violationsToProblems, type RowProblem } from './roster-xlsx';
import type { TimeRange } from '../contract/yuexiu';

export interface ImportResult {
  created: number;
  updated: number;
  /** Rows with a 编号 whose shift already reads the same (e.g. the past part of an exported month). */
  unchanged: number;
  peopleCreated: number;
  range: TimeRange | null;
}

export async function importRoster(store: Store, bytes: Uint8Array, by: string, peer: string, now: number): Promise<ImportResult> {
  const { rows, problems } = await readRosterWorkbook(bytes);
  if (problems.length) refuseImport(problems);
  return store.write((tx) => {
    const actor: PersonRef = actorRef(tx, by);
    const problems: RowProblem[] = [];
    const personIds = new Map<string, string>();
    let peopleCreated = 0;
    for (const r of rows) {
      if (personIds.has(r.name)) continue;
      const known = findPersonByName(tx, r.name);
      if (known) {
        personIds.set(r.name, known.id);
        continue;
      }
      const missing = [r.phone === '' ? '电话' : null, r.unit === '' ? '单位' : null].filter((c): c is string => c !== null);
      for (const column of missing)
        problems.push({
          row: r.row,
          column,
          reason: { zh: `${r.name} 尚不在人员名单中，新增此人需要填写此列`, en: `needed to add ${r.name}, who is not yet in the people list` },
        });
      if (missing.length) continue;
      personIds.set(r.name, putPerson(tx, { name: r.name, role: r.role, phone: r.phone, unit: r.unit, active: true }, now).id);
      peopleCreated++;
    }
    if (problems.length) refuseImport(problems);

    // A re-imported export carries every shift of the period, past ones included: rows that change
    // nothing are left alone, so only real changes meet the rules (and a past shift stays put).
    const changing = rows.filter((r) => {
      if (!r.id) return true;
      const s = tx.get<{ person_id: string; role: string; start_at: number; end_at: number; note: string }>('SELECT * FROM duty_shift WHERE id = ?', [r.id]);
      return !s || s.person_id !== personIds.get(r.name) || s.role !== r.role || s.start_at !== r.start || s.end_at !== r.end || s.note !== r.note;
    });
    const unchanged = rows.length - changing.length;
    const puts = changing.map((r) => ({ id: r.id, personId: personIds.get(r.name)!, role: r.role, start: r.start, end: r.end, note: r.note }));
    const opts: ChangeOptions = { by: actor, peer, via: 'import', now };
    const checked = checkShiftChange(tx, puts, [], opts);
    if (checked.violations.length) {
      // New shifts got their ids inside the check; index is their row's position.
      const rowOfShift = new Map(checked.puts.map((p) => [p.id, changing[p.index].row]));
      for (const r of changing) if (r.id) rowOfShift.set(r.id, r.row);
      refuseImport(violationsToProblems(checked.violations, rowOfShift));
    }
    const range = writeShiftChange(tx, checked, opts);
    const created = checked.puts.filter((p) => p.isNew).length;
    return { created, updated: checked.puts.length - created, unchanged, peopleCreated, range };
  });
}
