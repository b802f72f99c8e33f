// The import-direction rules of eslint.config.mjs, checked on snippets placed in each layer.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

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
    expect(await violations('src-renderer/src/x.ts', "import { methods } from '../../src-main/core/contract/api';")).toHaveLength(0);
  });
});
