// `node scripts/import-circles.mjs`: fails (exit 1) on any import circle between our modules,
// type-only imports included: a circle means two modules that cannot be understood (or tested, or
// split into chunks) one without the other. Part of `npm run lint`; its functions are unit-tested
// in tests/unit/architecture/import-circles.test.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCES = ['src-main', 'src-renderer/src'];
/** The path aliases of tsconfig.json. */
const ALIASES = { '@contract/': 'src-main/core/contract/' };

/** The modules under `dir` (tests and declaration files left out). */
export function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolveImport(from, spec) {
  const alias = Object.keys(ALIASES).find((a) => spec.startsWith(a));
  let base;
  if (alias) base = join(ROOT, ALIASES[alias], spec.slice(alias.length));
  else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Each file's own imports (static, dynamic and type-only) resolved to files. */
export function importGraph(files) {
  const graph = new Map();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles.map((f) => resolveImport(file, f.fileName)).filter((t) => t !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function circles(graph) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** The circles in our sources, as paths from the repository's root. */
export function projectCircles() {
  const files = SOURCES.flatMap((s) => sourceFiles(join(ROOT, s)));
  return circles(importGraph(files)).map((c) => c.map((f) => relative(ROOT, f)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const found = projectCircles();
  for (const c of found) console.error(`import circle: ${c.join(' → ')}`);
  process.exit(found.length > 0 ? 1 : 0);
}
