// The rules `npm run lint` holds beyond imports, each shown to refuse once: a floating promise, a
// promise handed where a void is expected, a hook called conditionally, a component calling the
// server itself, unformatted code. Real files of the project (the promise rules need its types),
// written for the test and removed after.
import { ESLint } from 'eslint';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT });
const written: string[] = [];

async function ruleIds(relPath: string, code: string): Promise<string[]> {
  const path = join(ROOT, relPath);
  written.push(path);
  writeFileSync(path, code);
  const [result] = await eslint.lintFiles([path]);
  return result.messages.map((m) => m.ruleId ?? m.message);
}

afterAll(() => written.forEach((p) => rmSync(p, { force: true })));

// The first type-aware lint loads the whole TypeScript program: seconds, more on a busy machine.
const SLOW = 120_000;

describe('lint beyond imports', () => {
  it(
    'refuses a floating promise',
    async () => {
      const code = 'export async function save(): Promise<void> {}\nexport function onSave(): void {\n  save();\n}\n';
      expect(await ruleIds(`src-main/core/lint-probe-${process.pid}.ts`, code)).toContain('@typescript-eslint/no-floating-promises');
      expect(await ruleIds(`src-main/core/lint-probe-ok-${process.pid}.ts`, code.replace('  save();', '  void save();'))).toEqual([]);
    },
    SLOW,
  );

  it(
    'refuses an async handler where React expects a void one',
    async () => {
      const code = 'export function Save({ save }: { save: () => Promise<void> }) {\n  return <button type="button" onClick={save}>save</button>;\n}\n';
      expect(await ruleIds(`src-renderer/src/lint-probe-${process.pid}.tsx`, code)).toContain('@typescript-eslint/no-misused-promises');
    },
    SLOW,
  );

  it('refuses a hook called conditionally', async () => {
    const code = "import { useState } from 'react';\nexport function Count({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n";
    expect(await ruleIds(`src-renderer/src/lint-probe-hooks-${process.pid}.tsx`, code)).toContain('react-hooks/rules-of-hooks');
  });

  it(
    'refuses a component calling the server itself, but not a slice',
    async () => {
      const code = "import type { ApiClient } from '@contract/api';\nexport const read = (client: ApiClient) => client.call('wall.get', {});\n";
      expect(await ruleIds(`src-renderer/src/console/lint-probe-${process.pid}.ts`, code)).toContain('no-restricted-syntax');
      expect(await ruleIds(`src-renderer/src/state/lint-probe-${process.pid}.ts`, code)).toEqual([]);
    },
    SLOW,
  );

  it('Prettier refuses unformatted code', async () => {
    const filepath = join(ROOT, 'src-main/core/x.ts');
    const options = { ...(await prettier.resolveConfig(filepath)), filepath };
    expect(await prettier.check('export const  x = {a:1}\n', options)).toBe(false);
    expect(await prettier.check('export const x = { a: 1 };\n', options)).toBe(true);
  });
});
