// English as complete as Chinese (issue 17): every word a person reads comes from the i18n
// dictionaries (i18n.test.ts checks both have every key, with the same placeholders, none empty),
// so no Chinese text may be written into the renderer's code outside them. This reads every source
// file with TypeScript's own parser and lists each string literal or JSX text with a Chinese
// character in it (comments are not text). The few allowed are said below with why.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../../src-renderer/src');

/** Files whose Chinese literals are not untranslated UI text, and why. */
const ALLOWED: Record<string, string> = {
  'shared/beijing-time.ts': 'the Chinese date words, beside the English ones, chosen by language',
  'styles/colour-language.ts': 'each colour’s word as a { zh, en } label',
  'wall/AlertStrip.tsx': 'a warning’s Chinese name, used only when the page is Chinese (the English is built beside it)',
  'panels/stats/chart-worker-client.ts': 'the warm-up chart drawn off screen so the CJK font is loaded; never shown',
  'console/duty/reports/filing-draft.ts': 'the default 报送单位: the reporting agency’s own name, data a person edits',
  'console/map/TileSourceEditor.tsx': 'the name of the Tianditu (天地图) tile service as it calls itself',
};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'i18n' && name !== 'test-kit') out.push(...sources(path));
    } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !/test-fixtures\.ts$/.test(name)) out.push(path);
  }
  return out;
}

/** Each string literal, template part or JSX text with a Han character: "file:line: text". */
export function chineseLiterals(path: string, text: string): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateHead(node) ||
        ts.isTemplateMiddle(node) ||
        ts.isTemplateTail(node) ||
        ts.isJsxText(node)) &&
      /\p{Script=Han}/u.test(node.text)
    )
      found.push(`${path}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.text.trim().slice(0, 60)}`);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('English as complete as Chinese', () => {
  it('finds Chinese written into code (and not in a comment)', () => {
    expect(chineseLiterals('x.tsx', '// 注释\nconst a = "值班日志";\nconst b = <p>打印</p>;\nconst c = `至${1}页`;')).toHaveLength(4);
    expect(chineseLiterals('x.ts', '/* 说明 */ const a = t("printLog.print");')).toEqual([]);
  });

  it('has no Chinese text in the renderer’s code outside the dictionaries, but what is allowed and why', () => {
    const found = sources(ROOT).flatMap((path) => {
      const rel = relative(ROOT, path).split('\\').join('/');
      if (rel in ALLOWED) return [];
      const text = readFileSync(path, 'utf8');
      // Only a file with a Chinese character anywhere (most have none) is parsed.
      return /\p{Script=Han}/u.test(text) ? chineseLiterals(rel, text) : [];
    });
    expect(found).toEqual([]);
  });
});
