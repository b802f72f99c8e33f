import { describe, expect, it } from 'vitest';
import { FilingInput, type Filing } from '@contract/reporting';
import { draftAfter, filingInputFrom, nextKinds } from './filing-draft';

const version = (kind: Filing['kind'], lossWan = 12.5): Filing =>
  ({
    kind,
    figures: { deaths: 0, injured: 2, missing: 0, trapped: 1, evacuated: 40, resettled: 12, households: 9, lossWan },
    cause: '强降雨',
    measures: '转移群众',
    unit: '越秀区应急管理局',
    signer: '陈志强',
  }) as Filing;

describe('the filing draft', () => {
  it('offers the 首报 first, then 续报 or 终报, and nothing after the 终报', () => {
    expect(nextKinds([])).toEqual(['first']);
    expect(nextKinds([version('first')])).toEqual(['followup', 'final']);
    expect(nextKinds([version('first'), version('final')])).toEqual([]);
  });

  it('carries the latest figures forward and sends them as numbers', () => {
    const d = draftAfter([version('first', 86.5)]);
    expect(d).toMatchObject({ kind: 'followup', cause: '强降雨', signer: '陈志强', text: '' });
    const sent = filingInputFrom({ ...d, figures: { ...d.figures, injured: '3' } });
    expect(sent.figures).toMatchObject({ injured: 3, lossWan: 86.5 });
    expect(FilingInput.safeParse(sent).success).toBe(true);
  });

  it('sends a blank, negative or fractional count so that the contract refuses it naming the field', () => {
    const d = draftAfter([]);
    for (const [k, v] of [
      ['deaths', ''],
      ['injured', '-1'],
      ['households', '2.5'],
      ['lossWan', 'abc'],
    ] as const) {
      const r = FilingInput.safeParse(filingInputFrom({ ...d, signer: '陈志强', figures: { ...d.figures, [k]: v } }));
      expect(r.success, k).toBe(false);
      expect(r.error?.issues[0].path, k).toEqual(['figures', k]);
    }
  });
});
