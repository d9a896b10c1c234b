#!/usr/bin/env node
// How fast the reports answer over many conversations with their histories, beside a bare baseline
// measured in the same run: a plain count(*) of the same conversations and of their events.
//
//   node tools/bench/reports/bench.mjs [--count 100000] [--runs 9]
//
// Needs a build of the API and worker (`npx nx build api`, `npx nx build worker`). Starts its own
// stack on port 3420 against a fresh `throughline_bench_reports` database, seeds `--count`
// conversations spread over the last 60 days with `tools/bench/console/seed-10k.mjs` (messages and
// history), puts them under two SLA policies (office hours for one queue, around the clock for the
// rest, 15% breached), then times GET /api/reports/summary over those 60 days for every groupBy as
// the demo supervisor and prints p50 and p99 (of `--runs` requests after one warm-up), after timing
// the first report, which replays every history into `conversation_metrics`.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(join(root, 'package.json'));
const pg = require('pg');
const { values: args } = parseArgs({ options: { count: { type: 'string', default: '100000' }, runs: { type: 'string', default: '9' } } });
const PORT = 3420;
const BASE = `http://localhost:${PORT}`;
const DATABASE_URL = 'postgres://postgres@localhost:5432/throughline_bench_reports';
const RUNS = Number(args.runs);
const GROUP_BYS = ['day', 'week', 'agent', 'queue', 'channel'];

function startStack() {
  return spawn(process.execPath, [join(root, 'tools/dev/start.mjs'), '--no-build', '--fresh'], {
    cwd: root,
    env: { ...process.env, PORT: String(PORT), SMTP_INBOUND_PORT: '2845', DATABASE_URL, REDIS_PREFIX: 'throughline-bench-reports' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
}

async function waitReady() {
  for (let i = 0; i < 180; i++) {
    try {
      if ((await fetch(`${BASE}/api/ready`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('the stack did not become ready in 180 s');
}

/** p50 and p99 (nearest rank) of `RUNS` timings after a warm-up. */
async function time(run) {
  await run();
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const rank = (p) => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)];
  return { p50: rank(0.5), p99: rank(0.99) };
}

/** Two SLA policies over the seeded conversations, as the SLA clock would have applied them, some breached. */
async function applySlaPolicies(pool) {
  const [{ id: hours }] = (
    await pool.query(`INSERT INTO business_hours (name, timezone, weekly) VALUES ('Bench office', 'Europe/London', $1) RETURNING id`, [
      JSON.stringify(Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]]))),
    ])
  ).rows;
  const [{ id: queue }] = (await pool.query(`SELECT id FROM queues ORDER BY name LIMIT 1`)).rows;
  const [{ id: office }] = (
    await pool.query(
      `INSERT INTO sla_policies (name, position, first_response_minutes, resolution_minutes, business_hours_id, match_queue_id)
                      VALUES ('Bench office hours', 1, 60, 1440, $1, $2) RETURNING id`,
      [hours, queue],
    )
  ).rows;
  const [{ id: allDay }] = (
    await pool.query(`INSERT INTO sla_policies (name, position, first_response_minutes) VALUES ('Bench around the clock', 2, 240) RETURNING id`)
  ).rows;
  await pool.query(
    `UPDATE conversations SET sla_policy_id = CASE WHEN queue_id = $1 THEN $2::uuid ELSE $3::uuid END,
            sla_breaches = CASE WHEN random() < 0.15 THEN jsonb_build_array(jsonb_build_object('kind', 'first_response', 'dueAt', created_at, 'at', created_at)) ELSE '[]' END`,
    [queue, office, allDay],
  );
  await pool.query('VACUUM ANALYZE conversations');
}

const fmt = (t) => `p50 ${t.p50.toFixed(0).padStart(5)} ms   p99 ${t.p99.toFixed(0).padStart(5)} ms`;

const stack = startStack();
const stop = () => {
  try {
    process.kill(-stack.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stop);
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
try {
  await waitReady();
  const seeded = spawnSync(process.execPath, [join(root, 'tools/bench/console/seed-10k.mjs'), '--count', args.count, '--database-url', DATABASE_URL], {
    cwd: root,
    stdio: 'inherit',
  });
  if (seeded.status !== 0) throw new Error('seeding failed');
  await applySlaPolicies(pool);
  const login = await (
    await fetch(`${BASE}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'supervisor@example.com', password: 'throughline-demo' }),
    })
  ).json();
  const to = new Date();
  const from = new Date(to.getTime() - 61 * 24 * 3600_000);
  const range = [from, to];
  const [{ conversations, events }] = (
    await pool.query(
      `SELECT (SELECT count(*) FROM conversations WHERE created_at >= $1 AND created_at < $2)::int AS conversations,
              (SELECT count(*) FROM conversation_events e JOIN conversations c ON c.id = e.conversation_id WHERE c.created_at >= $1 AND c.created_at < $2)::int AS events`,
      range,
    )
  ).rows;
  console.log(`\nreports over ${conversations} conversations with ${events} history events (${RUNS} runs each, after a warm-up)`);
  console.log(
    `baseline  SELECT count(*) FROM conversations (the range)       ${fmt(await time(() => pool.query('SELECT count(*) FROM conversations WHERE created_at >= $1 AND created_at < $2', range)))}`,
  );
  console.log(
    `baseline  SELECT count(*) of their conversation_events            ${fmt(
      await time(() =>
        pool.query(
          'SELECT count(*) FROM conversation_events e JOIN conversations c ON c.id = e.conversation_id WHERE c.created_at >= $1 AND c.created_at < $2',
          range,
        ),
      ),
    )}`,
  );
  const query = `from=${from.toISOString()}&to=${to.toISOString()}`;
  // The first report replays every history into conversation_metrics; later ones only what changed.
  const cold = performance.now();
  const first = await fetch(`${BASE}/api/reports/summary?${query}&groupBy=day`, { headers: { Authorization: `Bearer ${login.accessToken}` } });
  if (first.status !== 200) throw new Error(`first report: ${first.status} ${await first.text()}`);
  await first.json();
  console.log(`first report after seeding (replays all ${conversations} histories)           ${(performance.now() - cold).toFixed(0).padStart(5)} ms`);
  for (const groupBy of GROUP_BYS) {
    const timing = await time(async () => {
      const response = await fetch(`${BASE}/api/reports/summary?${query}&groupBy=${groupBy}`, { headers: { Authorization: `Bearer ${login.accessToken}` } });
      if (response.status !== 200) throw new Error(`groupBy=${groupBy}: ${response.status} ${await response.text()}`);
      await response.json();
    });
    console.log(`GET /api/reports/summary?groupBy=${groupBy.padEnd(8)}                    ${fmt(timing)}`);
  }
  const csv = await time(async () =>
    (await fetch(`${BASE}/api/reports/summary.csv?${query}&groupBy=agent`, { headers: { Authorization: `Bearer ${login.accessToken}` } })).text(),
  );
  console.log(`GET /api/reports/summary.csv?groupBy=agent                    ${fmt(csv)}`);
} finally {
  await pool.end();
  stop();
}
