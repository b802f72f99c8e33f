// Runs @doyensec/electronegativity over the shell and the pages, and fails on any HIGH or
// MEDIUM finding. The tool always exits 0, so its report is read here.
//
// The one exception: findings the tool itself marks "manual review" (it flags every use of
// a preload script, whatever it does) may be recorded in security-reviewed.json with the
// reason the review accepted them. Any other finding, or a reviewed one that moved to
// another file, fails the scan.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const MANUAL_REVIEW_CHECKS = new Set(['PRELOAD_JS_CHECK']);
const reviewed = JSON.parse(readFileSync(join(root, 'scripts/security-reviewed.json'), 'utf8'));
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;

// Stage only our own sources (the tool would otherwise wander into node_modules).
const stage = mkdtempSync(join(tmpdir(), 'cw-scan-'));
try {
  cpSync(join(root, 'src-main'), join(stage, 'src-main'), { recursive: true, filter: (p) => !p.endsWith('.test.ts') });
  cpSync(join(root, 'src-renderer'), join(stage, 'src-renderer'), {
    recursive: true,
    filter: (p) => !p.includes('node_modules') && !p.endsWith('.test.ts') && !p.endsWith('.test.tsx'),
  });
  writeFileSync(join(stage, 'package.json'), JSON.stringify({ name: 'command-wall', devDependencies: { electron: electronVersion } }));
  const report = join(stage, 'report.csv');
  execFileSync(join(root, 'node_modules/.bin/electronegativity'), ['-i', stage, '-o', report, '-r', '-v', 'false', '-e', electronVersion], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const rows = readFileSync(report, 'utf8').trim().split('\n').slice(1).filter(Boolean);
  const findings = rows.map((line) => {
    const cells = line.match(/("([^"]*)"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    return { check: cells[0], severity: cells[1], confidence: cells[2], file: cells[3], location: cells[4] };
  });
  const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
  const accepted = (f) => MANUAL_REVIEW_CHECKS.has(f.check) && reviewed.some((r) => r.check === f.check && f.file.endsWith(r.file));
  const failing = serious.filter((f) => !accepted(f));
  for (const f of serious) {
    const note = accepted(f) ? `reviewed: ${reviewed.find((r) => r.check === f.check).reason}` : 'FAIL';
    console.log(`electronegativity ${f.severity} ${f.check} ${f.file}:${f.location} — ${note}`);
  }
  console.log(`electronegativity: ${findings.length} findings, ${serious.length} HIGH or MEDIUM, ${failing.length} failing`);
  process.exitCode = failing.length > 0 ? 1 : 0;
} finally {
  rmSync(stage, { recursive: true, force: true });
}
