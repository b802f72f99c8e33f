// The map slice's merges.
import { describe, expect, it } from 'vitest';
import type { Report } from '@contract/duty';
import type { MapObject } from '@contract/map';
import type { Response } from '@contract/plans';
import { mergeObjects, mergeReport, mergeResponse } from './map-merge';

const obj = (id: string, name = id): MapObject => ({ id, kind: 'team', name }) as unknown as MapObject;
const rep = (id: string, status: Report['status']): Report => ({ id, status }) as unknown as Report;
const rsp = (id: string, status: Response['status']): Response => ({ id, status }) as unknown as Response;

describe('map merges', () => {
  it('replaces saved objects in place, adds new ones last and drops removed ones', () => {
    const merged = mergeObjects([obj('a'), obj('b'), obj('c')], [obj('b', 'B'), obj('d')], ['a']);
    expect(merged.map((o) => [o.id, o.name])).toEqual([
      ['b', 'B'],
      ['c', 'c'],
      ['d', 'd'],
    ]);
  });

  it('puts a changed open report first and drops a closed one', () => {
    expect(mergeReport([rep('a', 'new'), rep('b', 'new')], rep('b', 'handling')).map((r) => r.id)).toEqual(['b', 'a']);
    expect(mergeReport([rep('a', 'new'), rep('b', 'new')], rep('a', 'closed')).map((r) => r.id)).toEqual(['b']);
  });

  it('puts a changed active response first and drops a closed one', () => {
    expect(mergeResponse([rsp('a', 'active')], rsp('b', 'active')).map((r) => r.id)).toEqual(['b', 'a']);
    expect(mergeResponse([rsp('a', 'active'), rsp('b', 'active')], rsp('b', 'closed')).map((r) => r.id)).toEqual(['a']);
  });
});
