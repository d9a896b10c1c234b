#!/usr/bin/env node
// How long the console's inbox takes to show in Chromium with 10,000 conversations, against the
// same stack holding only the demo workspace (the bare baseline, measured first in the same run).
//
//   node tools/bench/console/inbox-open.mjs [--count 10000] [--runs 7]
//
// Needs a build (`npx nx run-many -t build -p api worker console`) and Debian's /usr/bin/chromium.
// Starts its own stack on port 3400 against a fresh `throughline_bench_console` database, signs in
// as the demo agent, and times "navigation start → first conversation row painted" (and → view
// counts shown) over several reloads; reports the median and the slowest run of each.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(join(root, 'package.json'));
const { chromium } = require('playwright-core');
const { values: args } = parseArgs({ options: { count: { type: 'string', default: '10000' }, runs: { type: 'string', default: '7' } } });
const PORT = 3400;
const BASE = `http://localhost:${PORT}`;
const DATABASE_URL = 'postgres://postgres@localhost:5432/throughline_bench_console';
const RUNS = Number(args.runs);

function startStack() {
  const child = spawn(process.execPath, [join(root, 'tools/dev/start.mjs'), '--no-build', '--fresh'], {
    cwd: root,
    env: { ...process.env, PORT: String(PORT), SMTP_INBOUND_PORT: '2825', DATABASE_URL, REDIS_PREFIX: 'throughline-bench-console' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  return child;
}

async function waitReady() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${BASE}/api/ready`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('the stack did not become ready in 120 s');
}

async function apiTimings(token) {
  const headers = { Authorization: `Bearer ${token}` };
  const time = async (path) => {
    const samples = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const response = await fetch(`${BASE}${path}`, { headers });
      await response.json();
      samples.push(performance.now() - t);
    }
    return summary(samples);
  };
  return {
    'GET first page (all open)': await time('/api/conversations?status=open&sort=recent&limit=25'),
    'GET first page (waiting longest)': await time('/api/conversations?status=open&sort=waiting&limit=25'),
    'GET counts': await time('/api/conversations/counts'),
    'GET search "garcia"': await time('/api/conversations?q=garcia&limit=25'),
  };
}

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
}

async function measureBrowser(page) {
  const firstRow = [];
  const counts = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(`${BASE}/?view=open`, { waitUntil: 'commit' });
    await page.locator('a.row').first().waitFor({ state: 'visible', timeout: 30_000 });
    firstRow.push(await page.evaluate(() => performance.now()));
    await page.locator('.views a.active .n').filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 });
    counts.push(await page.evaluate(() => performance.now()));
  }
  return { 'first row shown': summary(firstRow), 'view counts shown': summary(counts) };
}

const fmt = (s) => `median ${s.median.toFixed(0)} ms, slowest ${s.max.toFixed(0)} ms`;

const stack = startStack();
const stop = () => {
  try {
    process.kill(-stack.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stop);
try {
  await waitReady();
  const login = await (
    await fetch(`${BASE}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'agent@example.com', password: 'throughline-demo' }),
    })
  ).json();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${BASE}/login`);
  await page.getByLabel('Email').fill('agent@example.com');
  await page.getByLabel('Password').fill('throughline-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('a.row').first().waitFor();

  const results = [];
  results.push({ label: 'demo workspace only (baseline)', api: await apiTimings(login.accessToken), browser: await measureBrowser(page) });
  const seeded = spawnSync(process.execPath, [join(root, 'tools/bench/console/seed-10k.mjs'), '--count', args.count, '--database-url', DATABASE_URL], {
    cwd: root,
    stdio: 'inherit',
  });
  if (seeded.status !== 0) throw new Error('seeding failed');
  results.push({ label: `${args.count} more conversations`, api: await apiTimings(login.accessToken), browser: await measureBrowser(page) });
  await browser.close();

  for (const r of results) {
    console.log(`\n${r.label}`);
    for (const [name, s] of Object.entries(r.browser)) console.log(`  Chromium  ${name.padEnd(34)} ${fmt(s)}`);
    for (const [name, s] of Object.entries(r.api)) console.log(`  API       ${name.padEnd(34)} ${fmt(s)}`);
  }
} finally {
  stop();
}
