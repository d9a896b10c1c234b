#!/usr/bin/env node
// Ingest benchmark: signed webhooks (or raw mail, over the email hook and SMTP) → accepted → persisted
// message → live event, for Throughline and for a bare baseline (baseline.mjs) on the same machine, in
// one invocation. See README.md beside this file.
// Flags: --channel generic|email, --rate 100 --duration 10 (fixed-rate phase), --count 2000
//        --concurrency 64 (full-speed phase), --drain-timeout 60 (s to wait for persisted rows and live
//        events), --redis-db 13.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { io } from 'socket.io-client';
import { cpuMeter, machineBusyPercent } from './cpu.mjs';
import { CHANNELS } from './channels.mjs';
import { fixedRate, fullSpeed, httpTarget, sleep, smtpTarget, summarize, wallNow } from './load.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const resultsDir = join(here, 'results');
const { values: flags } = parseArgs({
  options: {
    channel: { type: 'string', default: 'generic' },
    rate: { type: 'string', default: '100' },
    duration: { type: 'string', default: '10' },
    count: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '64' },
    'drain-timeout': { type: 'string', default: '60' },
    'redis-db': { type: 'string', default: '13' },
  },
});
const { channel: channelName, ...numeric } = flags;
const channel = CHANNELS[channelName];
if (!channel) throw new Error(`--channel must be one of ${Object.keys(CHANNELS).join(', ')}`);
const opts = Object.fromEntries(Object.entries(numeric).map(([k, v]) => [k, Number(v)]));
for (const [k, v] of Object.entries(opts)) if (!(v >= 0)) throw new Error(`--${k} must be a number`);
const { unit } = channel;

// Isolation: dedicated databases, a dedicated Redis database, and our own key prefixes, so neither a
// developer's running stack nor a crashed earlier run can steal or feed jobs. Pub/sub is not per-database,
// but live events are matched by marker, so foreign traffic on the channel is ignored.
const PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const pgUrl = (db) => `postgres://postgres@127.0.0.1:5432/${db}`;
const TL_DB = 'throughline_bench';
const BL_DB = 'throughline_bench_baseline';
const REDIS = { host: '127.0.0.1', port: 6379, db: opts['redis-db'] };
const REDIS_KEY_PATTERNS = ['{throughline-bench}:*', '{throughline-bench-baseline}:*'];
const CONNECTOR = '5eed0000-0000-4000-8000-000000000001';
const SECRET = 'throughline-demo-signing-secret';
const DEMO_PASSWORD = 'throughline-demo';
const HOOK_ADDRESS = 'bench@shop.example';
const SMTP_ADDRESS = 'bench-smtp@shop.example';
const WARMUP = 50;

const children = [];
const runId = randomBytes(3).toString('hex');

// ---------- processes ----------

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Starts a Node child whose output goes to results/<name>.log; `ready` resolves when a line matches. Role: api|worker. */
function startChild(name, role, script, args, env, readyLine) {
  const log = createWriteStream(join(resultsDir, `${name}.log`));
  const child = spawn(process.execPath, [script, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const entry = { name, role, child, logFile: join(resultsDir, `${name}.log`), exited: null };
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  entry.ready = new Promise((resolve, reject) => {
    if (readyLine) child.stdout.on('data', (d) => String(d).includes(readyLine) && resolve());
    child.on('exit', (code, signal) => {
      entry.exited = { code, signal };
      reject(new Error(`${name} exited (${signal ?? code}); see ${entry.logFile}`));
    });
  });
  entry.ready.catch(() => undefined);
  children.push(entry);
  return entry;
}

async function stopChildren() {
  await Promise.all(
    children.splice(0).map(async ({ child, exited }) => {
      if (exited || child.exitCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      if (await Promise.race([gone.then(() => true), sleep(10_000)])) return;
      child.kill('SIGKILL');
      await gone;
    }),
  );
}

/** Polls `probe` until it returns a truthy value; fails early if a child we depend on died. */
async function waitFor(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    const dead = children.find((c) => c.exited);
    if (dead) throw new Error(`${dead.name} exited during startup; see ${dead.logFile}`);
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await sleep(300);
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (${last.message})` : ''}`);
}

/** Pids of the running children in a role: 'api' (the HTTP side) or 'worker'. */
const pidsOf = (role) => children.filter((c) => c.role === role).map((c) => c.child.pid);
let redisPid = null; // Redis is shared with anything else on the machine, but mostly busy with us during a phase
const cpuGroupsFor = (db) => ({
  api: async () => pidsOf('api'),
  worker: async () => pidsOf('worker'),
  postgres: () => backendPids(db),
  redis: async () => (redisPid ? [redisPid] : []),
});

// ---------- databases and Redis ----------

async function admin(sql) {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    for (const statement of [sql].flat()) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The database's server processes, except the one answering the bench's own queries. */
async function backendPids(db) {
  const { rows } = await db.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  return rows.map((r) => r.pid);
}

/** ioredis quietly stays on database 0 when SELECT fails, so check the index before anything uses it. */
async function checkRedisDb() {
  const redis = new Redis({ ...REDIS, db: 0, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined); // the rejected command below carries the reason
  try {
    await redis.connect();
    await redis.select(REDIS.db);
    redisChecked = true;
  } catch (err) {
    throw new Error(`--redis-db ${REDIS.db}: ${err.message}`);
  } finally {
    redis.disconnect();
  }
}

let redisChecked = false;
async function deleteRedisKeys() {
  if (!redisChecked) return 0;
  const redis = new Redis(REDIS);
  redisPid ??= Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]) || null;
  let deleted = 0;
  for (const match of REDIS_KEY_PATTERNS) {
    for await (const keys of redis.scanStream({ match, count: 1000 })) if (keys.length) deleted += await redis.unlink(...keys);
  }
  await redis.quit();
  return deleted;
}

// ---------- systems under test ----------
// Each system exposes: targets (one per path of the channel), markers (live-event marker → record),
// persisted(tag), close().

function trackEvents(sut) {
  sut.markers = new Map();
  sut.duplicateEvents = 0;
  sut.onEvent = (marker) => {
    const record = sut.markers.get(marker);
    if (!record) return;
    if (record.eventAt) sut.duplicateEvents++;
    else record.eventAt = wallNow();
  };
  return sut;
}

/** Logs in a demo user. Seeding runs after listen(), so the login may fail for a moment after /api/ready answers. */
function login(base, email) {
  return waitFor(`the demo login of ${email}`, 60_000, async () => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    return res.ok && (await res.json()).accessToken;
  });
}

/** Where each path of the channel enters Throughline. Generic: the seeded demo connector. */
const throughlineTargets = {
  generic: async ({ base }) => ({ webhook: httpTarget({ url: `${base}/api/hooks/${CONNECTOR}/generic`, contentType: channel.contentType, secret: SECRET }) }),
  /** Email: one connector per path, created by the admin as a customer would, through the REST API. */
  email: async ({ base, smtpPort }) => {
    const token = await login(base, 'admin@example.com');
    const create = async (name, provider, address) => {
      const res = await fetch(`${base}/api/connectors`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ name, kind: 'email', provider, config: { address } }),
      });
      if (res.status !== 201) throw new Error(`creating the ${provider} connector: HTTP ${res.status} ${await res.text()}`);
      return res.json();
    };
    const hook = await create('Bench email hook', 'mime', HOOK_ADDRESS);
    await create('Bench SMTP mailbox', 'smtp', SMTP_ADDRESS);
    return {
      hook: httpTarget({ url: `${base}/api/hooks/${hook.id}/email`, contentType: channel.contentType, secret: hook.signingSecret }),
      smtp: smtpTarget({ port: smtpPort, to: SMTP_ADDRESS }),
    };
  },
};

async function startThroughline() {
  if (!existsSync(join(root, 'dist/apps/api/main.js')) || !existsSync(join(root, 'dist/apps/worker/main.js'))) {
    const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', '--output-style=static'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build of api and worker failed');
  }
  await admin(`DROP DATABASE IF EXISTS ${TL_DB} WITH (FORCE)`);
  const port = await freePort();
  const smtpPort = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    DATABASE_URL: pgUrl(TL_DB),
    REDIS_URL: `redis://${REDIS.host}:${REDIS.port}/${REDIS.db}`,
    REDIS_PREFIX: 'throughline-bench', // honoured by builds that support it; the Redis database isolates older ones
    PORT: String(port),
    // The API always listens for SMTP; a free loopback port keeps it off a developer's stack (2525 by default).
    SMTP_INBOUND_PORT: String(smtpPort),
    SMTP_INBOUND_HOST: '127.0.0.1',
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    // Explicit keys, so the run neither reads nor writes the developer's .throughline state.
    SECRETS_KEY: randomBytes(32).toString('hex'),
    JWT_SECRET: randomBytes(48).toString('base64url'),
  };
  startChild('throughline-api', 'api', 'dist/apps/api/main.js', [], env);
  // The API migrates; the worker starts after it, as tools/dev/start.mjs does, so they never race on an empty database.
  await waitFor('the API to be ready', 120_000, () => fetch(`${base}/api/ready`).then((r) => r.ok));
  startChild('throughline-worker', 'worker', 'dist/apps/worker/main.js', [], { ...env, SEED_DEMO: 'false' });
  const token = await login(base, 'agent@example.com');
  const sut = trackEvents({ name: 'throughline', targets: await throughlineTargets[channelName]({ base, smtpPort }), disconnects: 0 });
  const socket = io(`${base}/agents`, { path: '/socket.io', auth: { token }, transports: ['websocket'] });
  socket.on('message.created', ({ message }) => sut.onEvent(channel.liveMarker(message)));
  socket.on('disconnect', () => sut.disconnects++);
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const db = new pg.Client({ connectionString: pgUrl(TL_DB) });
  await db.connect();
  sut.persisted = async (tag) =>
    (await db.query(`SELECT external_id, extract(epoch FROM created_at) * 1000 AS ms FROM messages WHERE external_id LIKE $1`, [`${tag}-%`])).rows;
  sut.cpuGroups = cpuGroupsFor(db);
  sut.rawStatuses = async (tag) =>
    Object.fromEntries(
      (await db.query(`SELECT status, count(*)::int AS n FROM raw_events WHERE external_id LIKE $1 GROUP BY status`, [`${tag}-%`])).rows.map((r) => [
        r.status,
        r.n,
      ]),
    );
  sut.close = async () => {
    socket.close();
    await db.end();
  };
  return sut;
}

async function startBaseline() {
  await admin([`DROP DATABASE IF EXISTS ${BL_DB} WITH (FORCE)`, `CREATE DATABASE ${BL_DB}`]);
  const db = new pg.Client({ connectionString: pgUrl(BL_DB) });
  await db.connect();
  // Same keys as Throughline where it matters: uuid ids (also the BullMQ job ids), unique external ids.
  await db.query(`
    CREATE TABLE bench_raw_events (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), external_id text NOT NULL UNIQUE, payload bytea NOT NULL, received_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE bench_messages (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), raw_event_id uuid NOT NULL REFERENCES bench_raw_events(id), external_id text NOT NULL UNIQUE, text text, created_at timestamptz NOT NULL DEFAULT now());`);
  const port = await freePort();
  const smtpPort = channel.paths.some((p) => p.transport === 'smtp') ? await freePort() : null;
  const eventsChannel = `throughline-bench-baseline:${runId}`;
  const env = {
    BASELINE_DATABASE_URL: pgUrl(BL_DB),
    BASELINE_REDIS_HOST: REDIS.host,
    BASELINE_REDIS_PORT: String(REDIS.port),
    BASELINE_REDIS_DB: String(REDIS.db),
    BASELINE_QUEUE_PREFIX: '{throughline-bench-baseline}',
    BASELINE_CHANNEL: eventsChannel,
    BASELINE_SECRET: SECRET,
    BASELINE_PORT: String(port),
    BASELINE_PAYLOAD: channel.payload,
    ...(smtpPort ? { BASELINE_SMTP_PORT: String(smtpPort) } : {}),
    BASELINE_CONCURRENCY: process.env.INGEST_CONCURRENCY ?? '8', // Throughline's worker concurrency
  };
  const script = join(here, 'baseline.mjs');
  await startChild('baseline-server', 'api', script, ['server'], env, 'ready').ready;
  await startChild('baseline-worker', 'worker', script, ['worker'], env, 'ready').ready;
  const targets = Object.fromEntries(
    channel.paths.map((p) => [
      p.name,
      p.transport === 'smtp'
        ? smtpTarget({ port: smtpPort, to: SMTP_ADDRESS })
        : httpTarget({ url: `http://127.0.0.1:${port}/hooks`, contentType: channel.contentType, secret: SECRET }),
    ]),
  );
  const sut = trackEvents({ name: 'baseline', targets, disconnects: 0 });
  const subscriber = new Redis(REDIS);
  subscriber.on('message', (_channel, message) => sut.onEvent(channel.baselineMarker(JSON.parse(message))));
  await subscriber.subscribe(eventsChannel);
  sut.cpuGroups = cpuGroupsFor(db);
  sut.persisted = async (tag) =>
    (await db.query(`SELECT external_id, extract(epoch FROM created_at) * 1000 AS ms FROM bench_messages WHERE external_id LIKE $1`, [`${tag}-%`])).rows;
  sut.close = async () => {
    await subscriber.quit();
    await db.end();
  };
  return sut;
}

// ---------- phases ----------

/** Waits until every accepted request is persisted and seen live (or the timeout), then reads persist times. */
async function drain(sut, tag, records) {
  const accepted = records.filter((r) => r.accepted).length;
  const deadline = Date.now() + opts['drain-timeout'] * 1000;
  let rows = [];
  while (Date.now() < deadline) {
    rows = await sut.persisted(tag);
    if (rows.length >= accepted && records.filter((r) => r.eventAt).length >= accepted) break;
    await sleep(500);
  }
  rows = await sut.persisted(tag);
  const byId = new Map(records.map((r) => [r.externalId, r]));
  for (const row of rows) byId.get(row.external_id).persistedAt = Number(row.ms);
}

/** Prefix of every external id a phase sends; unique per run, system, path and phase. */
const tagOf = (sutName, path, phaseName) => `${runId}-${sutName === 'throughline' ? 'tl' : 'bl'}-${path.name}-${phaseName}`;

async function phase(sut, path, name, count, drive) {
  const tag = tagOf(sut.name, path, name);
  const target = sut.targets[path.name];
  const records = channel.build(tag, count);
  for (const r of records) {
    target.prepare(r);
    sut.markers.set(r.marker, r);
  }
  const before = sut.duplicateEvents;
  const stopCpu = await cpuMeter(sut.cpuGroups);
  const extra = await drive(target, records);
  await drain(sut, tag, records);
  const cpu = await stopCpu();
  extra.cpu = {
    msPerRequest: Object.fromEntries(['api', 'worker', 'postgres', 'loadGenerator'].map((k) => [k, cpu[k] / count])),
    redisMsPerRequest: cpu.redis / count,
    machineBusyPercent: cpu.machineBusyPercent,
    otherProcessesPercent: cpu.otherProcessesPercent,
  };
  if (sut.rawStatuses) extra.rawEventStatuses = await sut.rawStatuses(tag);
  return summarize(records, {
    ...extra,
    meanBodyBytes: records.reduce((sum, r) => sum + r.body.length, 0) / count,
    duplicateLiveEvents: sut.duplicateEvents - before,
  });
}

/** The paths of the channel one after another, each with its own warm-up, on the same running system. */
async function runPhases(sut) {
  const paths = {};
  for (const path of channel.paths) {
    const who = channel.paths.length > 1 ? `${sut.name}, ${path.name} path` : sut.name;
    // Warm-up: proves the whole path works (the worker consumes, the live client receives) and warms the JIT.
    const warm = await phase(sut, path, 'warmup', WARMUP, (target, records) => fullSpeed(target, records, 8));
    if (warm.failed > 0) throw new Error(`${who} failed its warm-up: ${JSON.stringify(warm.errors)}`);
    console.log(`  ${who}: up, warm-up of ${WARMUP} ${unit}s went through; fixed-rate phase...`);
    const fixed = await phase(sut, path, 'fixed', Math.round(opts.rate * opts.duration), (target, records) => fixedRate(target, records, opts.rate));
    console.log(`  ${who}: full-speed phase...`);
    const full = await phase(sut, path, 'full', opts.count, (target, records) => fullSpeed(target, records, opts.concurrency));
    paths[path.name] = { fixed, full };
  }
  return { paths, socketDisconnects: sut.disconnects };
}

// ---------- report ----------

const num = (v, digits = 1) => (v === null || v === undefined ? '-' : v.toFixed(digits));
const lat = (s) => `p50 ${num(s.p50)} ms   p95 ${num(s.p95)} ms   p99 ${num(s.p99)} ms   (n=${s.n})`;
/** Section headings name the path only when the channel has several. */
const pathTitle = (path) => (channel.paths.length > 1 ? ` — ${path.title}` : '');

function printPhase(title, s, path) {
  const e = s.errors;
  const line = (label, text) => console.log(`    ${label.padEnd(20)}${text}`);
  console.log(`  ${title}`);
  line('accepted', `${num(s.acceptedPerSecond)} ${unit}s/s  (${s.accepted}/${s.requests} answered ${path.ack}); persisted ${num(s.persistedPerSecond)}/s`);
  line(`${unit}→${path.ack}`, lat(s.ackMs));
  line(`${unit}→persisted`, lat(s.persistedMs));
  line(`${unit}→live event`, lat(s.liveEventMs));
  line(
    'errors',
    `non-${path.ack} ${e.notAccepted}, not persisted ${e.notPersisted}, no live event ${e.noLiveEvent}, duplicate live events ${s.duplicateLiveEvents}`,
  );
  if (s.scheduleLagMs) line('generator lag', `p99 ${num(s.scheduleLagMs.p99)} ms, max ${num(s.scheduleLagMs.max)} ms behind schedule`);
  const c = s.cpu;
  const m = c.msPerRequest;
  line(
    `CPU per ${unit}`,
    `api ${num(m.api, 2)} ms, worker ${num(m.worker, 2)} ms, postgres ${num(m.postgres, 2)} ms, redis ${num(c.redisMsPerRequest, 2)} ms, load generator ${num(m.loadGenerator, 2)} ms`,
  );
  line('machine', `${num(c.machineBusyPercent, 0)}% busy, ${num(c.otherProcessesPercent, 0)}% by other processes`);
  if (s.rawEventStatuses) line('raw_events status', JSON.stringify(s.rawEventStatuses));
  for (const sample of e.samples) line('error sample', sample);
}

/** Every ratio reads "how many times worse Throughline is": latency TL/BL, throughput BL/TL; 1.00 = equal. */
function comparison(tl, bl, path) {
  const rows = [];
  for (const [key, label] of [
    ['fixed', 'fixed rate'],
    ['full', 'full speed'],
  ]) {
    const t = tl[key];
    const b = bl[key];
    rows.push({
      figure: `${label}: accepted ${unit}s/s`,
      throughline: t.acceptedPerSecond,
      baseline: b.acceptedPerSecond,
      cost: b.acceptedPerSecond / t.acceptedPerSecond,
    });
    rows.push({
      figure: `${label}: persisted messages/s`,
      throughline: t.persistedPerSecond,
      baseline: b.persistedPerSecond,
      cost: b.persistedPerSecond / t.persistedPerSecond,
    });
    for (const [field, name] of [
      ['ackMs', `${unit}→${path.ack}`],
      ['persistedMs', `${unit}→persisted`],
      ['liveEventMs', `${unit}→live event`],
    ]) {
      for (const p of ['p50', 'p95', 'p99']) {
        const tv = t[field][p];
        const bv = b[field][p];
        rows.push({ figure: `${label}: ${name} ${p} (ms)`, throughline: tv, baseline: bv, cost: tv && bv ? tv / bv : null });
      }
    }
    for (const group of ['api', 'worker', 'postgres']) {
      const tv = t.cpu.msPerRequest[group];
      const bv = b.cpu.msPerRequest[group];
      rows.push({ figure: `${label}: CPU ms/${unit}, ${group}`, throughline: tv, baseline: bv, cost: bv ? tv / bv : null });
    }
    rows.push({ figure: `${label}: failed requests`, throughline: t.failed, baseline: b.failed, cost: null });
  }
  return rows;
}

function printComparison(rows, path) {
  console.log(`\nComparison${pathTitle(path)} (cost × = how many times worse Throughline is: latency TL÷BL, throughput BL÷TL; 1.00 = equal)`);
  console.log(`  ${'figure'.padEnd(40)}${'throughline'.padStart(13)}${'baseline'.padStart(11)}${'cost ×'.padStart(9)}`);
  for (const r of rows) {
    const digits = r.figure.includes('CPU') ? 2 : r.figure.includes('failed') ? 0 : 1;
    console.log(`  ${r.figure.padEnd(40)}${num(r.throughline, digits).padStart(13)}${num(r.baseline, digits).padStart(11)}${num(r.cost, 2).padStart(9)}`);
  }
}

/** Warnings and errors the product logged during the run (LOG_LEVEL=warn keeps only those). */
function productLogIssues() {
  const lines = ['throughline-api', 'throughline-worker'].flatMap((name) => {
    const file = join(resultsDir, `${name}.log`);
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /\b(WARN|ERROR)\b|Error:/.test(l))
      .map((l) => `[${name}] ${l}`);
  });
  return { count: lines.length, samples: lines.slice(0, 10) };
}

// ---------- main ----------

let cleanedUp = false;
async function cleanup(suts) {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const sut of suts) await sut.close?.().catch(() => undefined);
  await stopChildren();
  await admin([`DROP DATABASE IF EXISTS ${TL_DB} WITH (FORCE)`, `DROP DATABASE IF EXISTS ${BL_DB} WITH (FORCE)`]).catch((e) =>
    console.error(`cleanup: ${e.message}`),
  );
  await deleteRedisKeys().catch((e) => console.error(`cleanup: ${e.message}`));
}

async function main() {
  mkdirSync(resultsDir, { recursive: true });
  const suts = [];
  process.once('SIGINT', () => cleanup(suts).finally(() => process.exit(130)));
  const started = new Date();
  console.log(
    `Ingest benchmark ${runId}: fixed rate ${opts.rate}/s for ${opts.duration} s, then ${opts.count} ${unit}s at concurrency ${opts.concurrency}.\n` +
      `Machine: ${os.cpus().length} CPU(s), Node ${process.version}. The load generator, API, worker, Postgres and Redis all share these cores.`,
  );
  if (channel.describe) console.log(channel.describe(tagOf('throughline', channel.paths[0], 'fixed')));
  const idleCheck = await machineBusyPercent();
  if (idleCheck > 25) console.log(`Warning: the machine is ${idleCheck.toFixed(0)}% busy before the run; latencies will be noisy (CPU per ${unit} less so).`);
  const results = {
    runId,
    busyPercentBeforeRun: idleCheck,
    startedAt: started.toISOString(),
    channel: channelName,
    options: opts,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
  };
  try {
    try {
      await checkRedisDb();
    } catch (err) {
      console.error(`Redis is not usable: ${err.message}`);
      return 2;
    }
    await deleteRedisKeys(); // leftovers of a crashed run would feed stale jobs to the worker
    let sut;
    try {
      sut = await startThroughline();
    } catch (err) {
      console.error(`Throughline failed to start: ${err.message}`);
      return 2;
    }
    suts.push(sut);
    results.throughline = await runPhases(sut);
    results.throughline.productLog = productLogIssues();
    await sut.close();
    await stopChildren(); // free the cores before the baseline runs
    try {
      sut = await startBaseline();
    } catch (err) {
      console.error(`Baseline failed to start: ${err.message}`);
      return 2;
    }
    suts.push(sut);
    results.baseline = await runPhases(sut);
  } finally {
    await cleanup(suts);
  }

  const baselineName = (path) => `Bare baseline (${path.transport === 'smtp' ? 'smtp-server' : 'http'} + pg + BullMQ + Redis pub/sub)`;
  for (const [name, r] of [
    [() => 'Throughline', results.throughline],
    [baselineName, results.baseline],
  ]) {
    for (const path of channel.paths) {
      console.log(`\n${name(path)}${pathTitle(path)}${r.socketDisconnects ? ` (the live client was disconnected ${r.socketDisconnects} time(s))` : ''}`);
      printPhase(`fixed rate: ${opts.rate}/s for ${opts.duration} s`, r.paths[path.name].fixed, path);
      printPhase(`full speed: ${opts.count} ${unit}s, concurrency ${opts.concurrency}`, r.paths[path.name].full, path);
    }
  }
  const log = results.throughline.productLog;
  console.log(`\nThroughline logged ${log.count} warning/error line(s)${log.count ? ':' : '.'}`);
  for (const line of log.samples) console.log(`  ${line.slice(0, 240)}`);
  results.comparison = {};
  for (const path of channel.paths) {
    results.comparison[path.name] = comparison(results.throughline.paths[path.name], results.baseline.paths[path.name], path);
    printComparison(results.comparison[path.name], path);
  }
  results.finishedAt = new Date().toISOString();
  // Each channel keeps its own latest file, so a run of one never overwrites the other's figures.
  const resultsFile = channelName === 'generic' ? 'latest.json' : `latest-${channelName}.json`;
  writeFileSync(join(resultsDir, resultsFile), JSON.stringify(results, null, 2));
  console.log(`\nNote: persisted time is messages.created_at, i.e. Postgres now() at the start of the writing transaction.`);
  console.log(`Results written to tools/bench/ingest/results/${resultsFile}`);

  const failures = [results.throughline, results.baseline]
    .flatMap((r) => Object.values(r.paths))
    .flatMap((p) => [p.fixed, p.full])
    .filter((s) => s.failed > 0.01 * s.requests);
  if (failures.length) console.error(`\nFAILED: more than 1% of requests failed in ${failures.length} phase(s).`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (err) => {
    console.error(err.stack ?? err);
    process.exit(2);
  },
);
