// The OpenRPC document (https://spec.open-rpc.org) generated from the contract, so street
// centres and integrators can discover every method without reading our source.
import { z } from 'zod';
import { events, methods, type MethodName } from './api';
import type { MethodSpec } from './define';
import { isAudited } from './dispatch';

function schemaOf(t: z.ZodType): Record<string, unknown> {
  // 'any' keeps refinements (which JSON Schema cannot express) from failing the export.
  return z.toJSONSchema(t, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
}

export function openRpcDocument(version: string): Record<string, unknown> {
  return {
    openrpc: '1.3.2',
    info: {
      title: 'Command Wall API (越秀应急指挥大屏)',
      version,
      description:
        'JSON-RPC 2.0 over WebSocket at /rpc. Server pushes arrive as notifications named after the events in x-events. Each method names the right it needs in x-right; a caller without it is refused with code -32003 and data { right }.',
    },
    methods: Object.entries(methods as Record<string, MethodSpec>).map(([name, spec]) => {
      const params = schemaOf(spec.params);
      const props = (params.properties ?? {}) as Record<string, unknown>;
      const required = new Set((params.required as string[] | undefined) ?? []);
      return {
        name,
        summary: spec.summary,
        paramStructure: 'by-name',
        params: Object.entries(props).map(([p, schema]) => ({ name: p, required: required.has(p), schema })),
        result: { name: 'result', schema: schemaOf(spec.result) },
        // The right a caller needs (rights.ts); with x-right-varies, some params need another
        // (plans.activate at Level Ⅰ/Ⅱ needs plans.activateMajor), named by the refusal.
        'x-right': spec.right,
        ...(spec.rightFor ? { 'x-right-varies': true } : {}),
        // Whether a successful call is recorded in the audit trail.
        'x-audited': isAudited(name as MethodName),
      };
    }),
    'x-events': Object.entries(events).map(([name, spec]) => ({
      name,
      summary: spec.summary,
      params: schemaOf(spec.payload),
      // The right a connection needs to hear it; x-street-scoped: a street centre hears its own street's only.
      'x-right': spec.right,
      ...(spec.streetOf ? { 'x-street-scoped': true } : {}),
    })),
  };
}
