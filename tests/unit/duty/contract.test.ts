// The duty and plans parts of the contract: discoverable, strict, and self-describing.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { events, methods } from '@contract/api';
import { dutyEvents, dutyMethods } from '@contract/duty';
import { openRpcDocument } from '@contract/openrpc';
import { planEvents, planMethods } from '@contract/plans';

const ours = { ...dutyMethods, ...planMethods };

describe('the duty and plans contract', () => {
  it('is part of the API and of its OpenRPC document, with summaries', () => {
    const doc = openRpcDocument('test') as { methods: { name: string; summary: string }[]; 'x-events': { name: string }[] };
    for (const name of Object.keys(ours)) {
      expect(methods).toHaveProperty([name]);
      expect(doc.methods.find((m) => m.name === name)?.summary.length).toBeGreaterThan(10);
    }
    for (const name of Object.keys({ ...dutyEvents, ...planEvents })) {
      expect(events).toHaveProperty([name]);
      expect(doc['x-events'].map((e) => e.name)).toContain(name);
    }
    expect(Object.keys(dutyMethods).every((m) => m.startsWith('duty.'))).toBe(true);
    expect(Object.keys(planMethods).every((m) => m.startsWith('plans.'))).toBe(true);
  });

  it('refuses unknown params on every method', () => {
    for (const [name, spec] of Object.entries(ours)) {
      const r = (spec.params as z.ZodType).safeParse({ surprise: 1 });
      expect(r.success, name).toBe(false);
      expect(JSON.stringify(r.error?.issues), name).toMatch(/surprise|unrecognized/i);
    }
  });
});
