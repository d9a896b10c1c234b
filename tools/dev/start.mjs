#!/usr/bin/env node
// `npm start`: builds the API, worker, console and chat widget, starts API + worker (migrations run at start,
// the demo workspace is seeded on an empty database), and prints the URLs and demo logins.
// Flags: --no-build (use dist/ as is), --fresh (drop the database first; for e2e tests).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const args = new Set(process.argv.slice(2));
const env = { ...process.env, SEED_DEMO: process.env.SEED_DEMO ?? 'true', NX_DAEMON: 'false' };
const port = Number(env.PORT ?? 3000);
const smtpPort = Number(env.SMTP_INBOUND_PORT ?? 2525);
const base = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
const databaseUrl = env.DATABASE_URL ?? 'postgres://postgres@localhost:5432/throughline';

function run(cmd, cmdArgs) {
  const result = spawnSync(cmd, cmdArgs, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function dropDatabase() {
  const { Client } = require('pg');
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  await client.end();
  console.log(`dropped database ${name}`);
}

if (!args.has('--no-build') || !existsSync(join(root, 'dist/apps/api/main.js'))) {
  run('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', 'console', 'chat-widget', '--output-style=static']);
}
if (args.has('--fresh')) await dropDatabase();

const children = [];
let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

function start(name, script, extraEnv = {}) {
  const child = spawn(process.execPath, [join(root, script)], { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}] `;
  const relay = (stream, out) => {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) out.write(prefix + line + '\n');
    });
  };
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${prefix}exited with code ${code}; stopping`);
      stop(code || 1);
    }
  });
  children.push(child);
}

// The API migrates and seeds; the worker starts after it so both never race on an empty database.
start('api', 'dist/apps/api/main.js');
const deadline = Date.now() + 120_000;
while (Date.now() < deadline) {
  const ready = await fetch(`http://127.0.0.1:${port}/api/ready`)
    .then((r) => r.ok)
    .catch(() => false);
  if (ready) break;
  if (stopping) process.exit(1);
  await new Promise((r) => setTimeout(r, 500));
}
start('worker', 'dist/apps/worker/main.js', { SEED_DEMO: 'false' });

console.log(`
Throughline is up.
  Console      ${base}/   (admin and supervisor screens: ${base}/admin)
  API          ${base}/api   (OpenAPI: ${base}/api/docs)
  Webhook      POST ${base}/api/hooks/5eed0000-0000-4000-8000-000000000001/generic
               signing secret: throughline-demo-signing-secret
  Mail in      SMTP localhost:${smtpPort}, to support@example.com
  Chat demo    ${base}/chat-demo   (widget: ${base}/widget.js, key tlw_demo_kettle_and_co)
  Logins       admin@example.com, supervisor@example.com, agent@example.com
               password: throughline-demo
Press Ctrl+C to stop.
`);
