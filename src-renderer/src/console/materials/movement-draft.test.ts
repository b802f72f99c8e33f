// The movement form's draft checked by the contract's own schema, as the form does while typing:
// each problem lands on its field.
import { describe, expect, it } from 'vitest';
import { MovementInput } from '@contract/materials';
import { task } from '../../state/tasks/test-fixtures';
import { emptyMovementDraft, movementFrom, taskChoices } from './movement-draft';

const paths = (d: ReturnType<typeof emptyMovementDraft>): string[] => {
  const r = MovementInput.safeParse(movementFrom(d));
  return r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.join('.')))].sort();
};

describe('the movement draft', () => {
  it('an empty in movement names the place, item, unit, quantity and reason', () => {
    expect(paths(emptyMovementDraft())).toEqual(['item', 'quantity', 'reason', 'to', 'unit']);
  });

  it('a transfer to the place it comes from is refused on `to`; a full one passes', () => {
    const d = {
      ...emptyMovementDraft(),
      kind: 'transfer' as const,
      from: 'street:北京街',
      to: 'street:北京街',
      item: '沙包',
      unit: '袋',
      quantity: '10',
      reason: '前置',
    };
    expect(paths(d)).toEqual(['to']);
    expect(paths({ ...d, to: 'warehouse:obj_depot001' })).toEqual([]);
    expect(movementFrom({ ...d, to: 'warehouse:obj_depot001' })).toMatchObject({
      from: { kind: 'street', street: '北京街' },
      to: { kind: 'warehouse', id: 'obj_depot001' },
    });
  });

  it('a quantity that is not a positive number, or a bad date, is named', () => {
    const d = { ...emptyMovementDraft(), to: 'street:北京街', item: '沙包', unit: '袋', reason: '入库' };
    expect(paths({ ...d, quantity: '-3' })).toEqual(['quantity']);
    expect(paths({ ...d, quantity: 'abc' })).toEqual(['quantity']);
    expect(paths({ ...d, quantity: '3', expiry: '2025-13-01' })).toEqual(['expiry']);
  });

  it('offers the open tasks newest first (and the one chosen, even closed since), never a typed id', () => {
    const tasks = [
      task('tsk_old00001', 1000, { title: '旧指令' }),
      task('tsk_done0001', 3000, { title: '已办结指令', state: 'done' }),
      task('tsk_new00001', 2000, { title: '新指令', state: 'in_progress' }),
    ];
    expect(taskChoices(tasks, '').map((x) => x.title)).toEqual(['新指令', '旧指令']);
    expect(taskChoices(tasks, 'tsk_done0001').map((x) => x.title)).toEqual(['已办结指令', '新指令', '旧指令']);
    expect(movementFrom({ ...emptyMovementDraft(), taskId: 'tsk_new00001' }).taskId).toBe('tsk_new00001');
    expect(movementFrom(emptyMovementDraft())).not.toHaveProperty('taskId');
  });
});
