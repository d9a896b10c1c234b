#!/usr/bin/env node
// `npm test`: every Jest project (unit and integration, real PostgreSQL and Redis) and the
// Playwright browser tests, then one line `N passed, N failed` totalled from the runners' own results.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const reports = join(root, 'reports');
const env = { ...process.env, NX_DAEMON: 'false', CI: process.env.CI ?? 'true' };
rmSync(reports, { recursive: true, force: true });

function nx(args) {
  // --skip-nx-cache: a cached run would replay output without writing fresh result files.
  const result = spawnSync('npx', ['nx', ...args, '--skip-nx-cache', '--output-style=static'], { cwd: root, env, stdio: 'inherit' });
  return result.status === 0;
}

const jestOk = nx(['run-many', '-t', 'test', '--parallel=2']);
const e2eOk = nx(['run', 'console-e2e:e2e']);

let passed = 0;
let failed = 0;
const jestDir = join(reports, 'jest');
for (const file of existsSync(jestDir) ? readdirSync(jestDir) : []) {
  const r = JSON.parse(readFileSync(join(jestDir, file), 'utf8'));
  passed += r.passed;
  failed += r.failed + r.brokenSuites;
}
const playwrightFile = join(reports, 'playwright', 'results.json');
if (existsSync(playwrightFile)) {
  const { stats } = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
} else {
  failed += 1; // the browser tests did not even produce results
  console.error('Playwright wrote no results: the e2e run failed before any test ran.');
}
// A runner that failed without a failing test (a crash, a compile error) still fails the run.
if ((!jestOk || !e2eOk) && failed === 0) failed = 1;

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && jestOk && e2eOk ? 0 : 1);
