// The import-direction rules of eslint.config.mjs, checked on snippets placed in each layer.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Snippets are not files of the TypeScript project: the type-aware rules (promises) are left out
// here and tried on real files in lint-rules.test.ts.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('imports point one way', () => {
  it('src-main/core imports neither Electron nor React nor the hub', async () => {
    expect(await violations('src-main/core/wall/x.ts', "import { app } from 'electron';")).toHaveLength(1);
    expect(await violations('src-main/core/wall/x.ts', "import React from 'react';")).toHaveLength(1);
    expect(await violations('src-main/core/wall/x.ts', "import { startHub } from '../../hub/server';")).toHaveLength(1);
    expect(await violations('src-main/core/wall/x.ts', "import { join } from 'node:path';\nimport { z } from 'zod';")).toHaveLength(0);
  });

  it('the contract imports only zod and its own files', async () => {
    expect(await violations('src-main/core/contract/x.ts', "import { readFileSync } from 'node:fs';")).toHaveLength(1);
    expect(await violations('src-main/core/contract/x.ts', "import { openStore } from '../store';")).toHaveLength(1);
    expect(await violations('src-main/core/contract/x.ts', "import { z } from 'zod';\nimport { method } from './define';")).toHaveLength(0);
  });

  it('the hub never imports Electron', async () => {
    expect(await violations('src-main/hub/x.ts', "import { ipcMain } from 'electron';")).toHaveLength(1);
  });

  it('the renderer imports nothing from Node or Electron, and from src-main only the contract', async () => {
    expect(await violations('src-renderer/src/x.ts', "import fs from 'fs';")).toHaveLength(1);
    expect(await violations('src-renderer/src/x.ts', "import { join } from 'node:path';")).toHaveLength(1);
    expect(await violations('src-renderer/src/x.ts', "import { ipcRenderer } from 'electron';")).toHaveLength(1);
    expect(await violations('src-renderer/src/x.ts', "import { openCore } from '../../src-main/core/app';")).toHaveLength(1);
    expect(await violations('src-renderer/src/x.ts', "import { tokenMatches } from '../../src-main/hub/auth';")).toHaveLength(1);
    expect(await violations('src-renderer/src/x.ts', "import { methods } from '@contract/api';")).toHaveLength(0);
  });
  it('a capability imports only shared core modules and its own folder, never a sibling capability', async () => {
    // Siblings, from the capability's top folder and from a subfolder of it.
    expect(await violations('src-main/core/duty/x.ts', "import { computeKpis } from '../plans/kpis';")).toHaveLength(1);
    expect(await violations('src-main/core/duty/x.ts', "import { openPlans } from '../plans';")).toHaveLength(1);
    expect(await violations('src-main/core/plans/x.ts', "import type { Reader } from '../duty/records';")).toHaveLength(1);
    expect(await violations('src-main/core/power/sources/x.ts', "import { openMap } from '../../map';")).toHaveLength(1);
    expect(await violations('src-main/core/power/x.ts', "export { openMap } from '../map';")).toHaveLength(1);
    // The composer and the migrations are not shared modules.
    expect(await violations('src-main/core/wall/x.ts', "import { openCore } from '../app';")).toHaveLength(1);
    // Shared core modules and the capability's own files are fine.
    const shared = [
      "import { RefusedError } from '../contract/errors';",
      "import type { Store } from '../store';",
      "import type { Tx } from '../store/tx';",
      "import { newId } from '../shared/records';",
      "import type { ReportLinks } from '../shared/links';",
      "import type { EventBus } from '../events';",
      "import type { ConnectionRegistry } from '../connections';",
      "import type { Capability } from '../capability';",
      "import { kvGet } from '../kv';",
      "import { dataDir } from '../data-dir';",
      "import { getReport } from './duty-log';",
    ].join('\n');
    expect(await violations('src-main/core/duty/x.ts', shared)).toHaveLength(0);
    expect(
      await violations(
        'src-main/core/power/sources/x.ts',
        "import { decodeRegisters } from '../maps/register-map';\nimport type { Capability } from '../../capability';",
      ),
    ).toHaveLength(0);
  });

  it('in the renderer only the client and the slices call the server', async () => {
    const call = "declare const client: { call(m: string, p: object): Promise<unknown> };\nexport const read = () => client.call('wall.get', {});";
    const calls = async (filePath: string) => {
      const [result] = await eslint.lintText(call, { filePath });
      return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax');
    };
    expect(await calls('src-renderer/src/console/x.tsx')).toHaveLength(1);
    expect(await calls('src-renderer/src/panels/map/x.ts')).toHaveLength(1);
    expect(await calls('src-renderer/src/state/map/x.ts')).toHaveLength(0);
    expect(await calls('src-renderer/src/client/x.ts')).toHaveLength(0);
  });
});
