// The people of the duty room: name, role, phone, unit. Names are unique because the roster
// workbook names people, not ids. People are never deleted (history names them); they retire by
// becoming inactive, which stops new bookings.
import { DUTY_ROLE_LABELS, Person, type DutyRole, type PersonInput } from '../contract/duty';
import { RefusedError } from '../contract/errors';
import type { Store, Tx } from '../store';
import { bool, newId, type Reader } from '../shared/records';

interface PersonRow {
  id: string;
  name: string;
  role: string;
  phone: string;
  unit: string;
  active: number;
  demo: number;
}

export function personFromRow(r: PersonRow): Person {
  return { id: r.id, name: r.name, role: r.role as DutyRole, phone: r.phone, unit: r.unit, active: bool(r.active), demo: bool(r.demo) };
}

const ROLE_ORDER = "CASE role WHEN 'leader' THEN 0 WHEN 'chief' THEN 1 WHEN 'officer' THEN 2 ELSE 3 END";

export function listPeople(db: Reader): Person[] {
  return db.all<PersonRow>(`SELECT * FROM duty_person ORDER BY ${ROLE_ORDER}, name`).map(personFromRow);
}

export function findPersonByName(db: Reader, name: string): Person | undefined {
  const r = db.get<PersonRow>('SELECT * FROM duty_person WHERE name = ?', [name]);
  return r ? personFromRow(r) : undefined;
}

export function getPerson(db: Reader, id: string): Person | undefined {
  const r = db.get<PersonRow>('SELECT * FROM duty_person WHERE id = ?', [id]);
  return r ? personFromRow(r) : undefined;
}

/** Inserts or updates one person inside a transaction; checks the unique name. */
export function putPerson(tx: Tx, input: Required<Omit<PersonInput, 'id'>> & { id?: string }, now: number, demo = false): Person {
  const clash = tx.get<{ id: string }>('SELECT id FROM duty_person WHERE name = ? AND id <> ?', [input.name, input.id ?? '']);
  if (clash)
    throw new RefusedError(
      {
        zh: `已有名为 ${input.name} 的人员：请加以区分，例如 ${input.name}（${DUTY_ROLE_LABELS[input.role].zh}）`,
        en: `a person named ${input.name} already exists; add something to tell them apart, e.g. ${input.name}（${DUTY_ROLE_LABELS[input.role].zh}）`,
      },
      { field: 'name', clashId: clash.id },
    );
  if (input.id) {
    const had = tx.get<{ id: string }>('SELECT id FROM duty_person WHERE id = ?', [input.id]);
    if (!had) throw new RefusedError({ zh: `没有编号为 ${input.id} 的人员`, en: `no person with id ${input.id}` }, { field: 'id' });
    tx.run('UPDATE duty_person SET name = ?, role = ?, phone = ?, unit = ?, active = ?, updated_at = ? WHERE id = ?', [
      input.name,
      input.role,
      input.phone,
      input.unit,
      input.active ? 1 : 0,
      now,
      input.id,
    ]);
    return getPerson(tx, input.id)!;
  }
  const id = newId('per');
  tx.run('INSERT INTO duty_person (id, name, role, phone, unit, active, demo, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    id,
    input.name,
    input.role,
    input.phone,
    input.unit,
    input.active ? 1 : 0,
    demo ? 1 : 0,
    now,
    now,
  ]);
  return getPerson(tx, id)!;
}

export class PeopleService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  list(): Person[] {
    return listPeople(this.store);
  }

  async save(input: PersonInput): Promise<Person> {
    const p = { ...input, active: input.active ?? true };
    return this.store.write((tx) => {
      if (p.id && !p.active) {
        // Retiring someone with shifts still to come would leave holes nobody notices.
        const future = tx.get<{ n: number }>('SELECT count(*) AS n FROM duty_shift WHERE person_id = ? AND end_at > ?', [p.id, this.now()]);
        if (future && future.n > 0)
          throw new RefusedError(
            {
              zh: `${p.name} 还有 ${future.n} 个未到的班次：先调整或删除这些班次，再设为停用`,
              en: `${p.name} still has ${future.n} shift(s) to come; move or remove them before making them inactive`,
            },
            { field: 'active' },
          );
      }
      return putPerson(tx, p, this.now());
    });
  }
}
