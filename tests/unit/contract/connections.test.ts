import { describe, expect, it } from 'vitest';
import { ConnectionRegistry } from '../../../src-main/core/connections';

describe('the connection registry', () => {
  it('pushes only to connections bound to a key, and forgets closed ones', () => {
    const reg = new ConnectionRegistry();
    const got: string[] = [];
    const closeA = reg.add({ id: 'a', push: (e) => got.push(`a:${e}`) });
    reg.add({ id: 'b', push: (e) => got.push(`b:${e}`) });
    const closed: string[][] = [];
    reg.onClose((id, keys) => closed.push([id, ...keys]));
    expect(reg.bind('a', 'centre:liuhua')).toBe(true);
    expect(reg.bind('nope', 'centre:liuhua')).toBe(false);
    expect(reg.pushTo('centre:liuhua', 'wall.changed', { presets: [], active: {} })).toBe(1);
    expect(got).toEqual(['a:wall.changed']);
    expect([...reg.keys('centre:')]).toEqual([['centre:liuhua', 1]]);
    closeA();
    expect(closed).toEqual([['a', 'centre:liuhua']]);
    expect(reg.pushTo('centre:liuhua', 'wall.changed', { presets: [], active: {} })).toBe(0);
  });
});
