import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { CreatedConnectorView, LoginResponse } from '@throughline/domain';
import { signBody } from '@throughline/channels/generic';
import { type AppConfig, loadConfig } from '@throughline/server/config';
import { hashPassword } from '@throughline/server/auth';
import { prepareDatabase } from '@throughline/server/database';
import { JobProducer, QueueName } from '@throughline/server/queue';
import { bootstrapApi, bootstrapWorker } from '../lib/bootstrap';

export const PASSWORD = 'correct horse battery staple';
export const USERS = { admin: 'admin@test.example', supervisor: 'supervisor@test.example', agent: 'agent@test.example' } as const;

export interface StackOptions {
  /** The Redis the API talks to (e.g. through a TcpProxy); the worker always uses the real one. */
  apiRedisUrl?: string;
  /** The PostgreSQL port the worker talks to (e.g. a TcpProxy's); the API always uses the real one. */
  workerDatabasePort?: number;
  /** Extra environment for both processes (e.g. a small EMAIL_MAX_BYTES). */
  env?: Record<string, string>;
}

/**
 * A whole Throughline in this process: the real API on a free port and a real worker, against a
 * fresh PostgreSQL database and a Redis key prefix of its own.
 */
export class TestStack {
  readonly db: Pool;
  api!: INestApplication;
  worker: INestApplicationContext | null = null;
  baseUrl = '';
  private readonly tokens = new Map<string, string>();
  private readonly sockets: Socket[] = [];

  private constructor(
    readonly config: AppConfig,
    private readonly apiConfig: AppConfig,
    private readonly workerConfig: AppConfig,
  ) {
    this.db = new Pool({ connectionString: config.databaseUrl, max: 4 });
  }

  static async start(options: StackOptions = {}): Promise<TestStack> {
    const id = `${process.pid}_${randomBytes(4).toString('hex')}`;
    const env = {
      DATABASE_URL: `postgres://postgres@127.0.0.1:5432/throughline_test_${id}`,
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `tltest_${id}`,
      PORT: '0',
      SMTP_INBOUND_PORT: '0',
      SMTP_INBOUND_HOST: '127.0.0.1',
      SECRETS_KEY: randomBytes(32).toString('hex'),
      JWT_SECRET: randomBytes(32).toString('hex'),
      STATE_DIR: mkdtempSync(join(tmpdir(), 'tl-test-')),
      LOG_LEVEL: 'error',
      SWEEP_INTERVAL_MS: '250',
      SEED_DEMO: 'false',
      ...options.env,
    };
    const config = loadConfig(env);
    const workerDatabaseUrl = options.workerDatabasePort ? env.DATABASE_URL.replace(':5432/', `:${options.workerDatabasePort}/`) : env.DATABASE_URL;
    const stack = new TestStack(
      config,
      loadConfig({ ...env, REDIS_URL: options.apiRedisUrl ?? env.REDIS_URL }),
      loadConfig({ ...env, DATABASE_URL: workerDatabaseUrl }),
    );
    await prepareDatabase(config.databaseUrl);
    const hash = await hashPassword(PASSWORD, 4);
    for (const [role, email] of Object.entries(USERS)) {
      await stack.db.query('INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, $3, $4)', [email, `Test ${role}`, hash, role]);
    }
    stack.api = await bootstrapApi(stack.apiConfig);
    stack.baseUrl = (await stack.api.getUrl()).replace('[::1]', '127.0.0.1');
    await stack.startWorker();
    return stack;
  }

  async startWorker(): Promise<void> {
    this.worker = await bootstrapWorker(this.workerConfig);
  }

  async stopWorker(): Promise<void> {
    await this.worker?.close();
    this.worker = null;
  }

  async token(role: keyof typeof USERS): Promise<string> {
    const cached = this.tokens.get(role);
    if (cached) return cached;
    const res = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: USERS[role], password: PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login as ${role} failed: ${res.status}`);
    const { accessToken } = (await res.json()) as LoginResponse;
    this.tokens.set(role, accessToken);
    return accessToken;
  }

  /** JSON request as a role (or anonymously with role null); returns status and parsed body. */
  async request<T = unknown>(method: string, path: string, role: keyof typeof USERS | null = 'agent', body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = {};
    if (role) headers['authorization'] = `Bearer ${await this.token(role)}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T };
  }

  /** A generic connector created through the admin API; returns its id, webhook URL and secret. */
  async createGenericConnector(config: Record<string, unknown> = {}): Promise<{ id: string; url: string; secret: string }> {
    const created = await this.createConnector({ kind: 'generic', provider: 'generic', config });
    return { id: created.id, url: `${this.baseUrl}/api/hooks/${created.id}/generic`, secret: created.signingSecret ?? '' };
  }

  /** Any connector created through the admin API; fails the test with the API's message if refused. */
  async createConnector<T = CreatedConnectorView>(body: Record<string, unknown>): Promise<T> {
    const { status, body: created } = await this.request<T>('POST', '/api/connectors', 'admin', { name: `test ${randomBytes(3).toString('hex')}`, ...body });
    if (status !== 201) throw new Error(`creating a connector failed: ${status} ${JSON.stringify(created)}`);
    return created;
  }

  /** Posts a signed (or deliberately mis-signed) webhook body. */
  async sendWebhook(
    connector: { url: string; secret: string },
    payload: unknown,
    options: { signature?: string | null; raw?: string } = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const body = options.raw ?? JSON.stringify(payload);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const signature = options.signature === undefined ? signBody(body, connector.secret) : options.signature;
    if (signature !== null) headers['x-throughline-signature'] = signature;
    const res = await fetch(connector.url, { method: 'POST', headers, body });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** An agent's Socket.IO connection to /agents, connected. */
  async agentSocket(role: keyof typeof USERS = 'agent'): Promise<Socket> {
    const socket = io(`${this.baseUrl}/agents`, {
      path: '/socket.io',
      auth: { token: await this.token(role) },
      transports: ['websocket'],
      reconnection: false,
    });
    this.sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }

  /**
   * Waits until no job is queued or running on any queue (delayed ones only for ingest and
   * delivery: a job scheduler always holds its next run as a delayed job). A test that ends as
   * soon as the database shows its result would otherwise close the worker while a job still
   * publishes or enqueues.
   */
  async settle(timeoutMs = 15_000): Promise<void> {
    const producer = this.api.get(JobProducer);
    await eventually(
      async () => {
        for (const name of Object.values(QueueName)) {
          const states =
            name === QueueName.Ingest || name === QueueName.Deliver ? (['active', 'waiting', 'delayed'] as const) : (['active', 'waiting'] as const);
          const counts = await producer.queue(name).getJobCounts(...states);
          if (states.some((state) => counts[state])) return false;
        }
        return true;
      },
      timeoutMs,
      'the worker to finish its jobs',
    );
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.disconnect();
    // Best effort: a suite that stopped Redis or the worker on purpose has nothing left to settle.
    if (this.worker) await this.settle(5_000).catch(() => undefined);
    await this.stopWorker();
    await this.api?.close();
    await this.db.end();
    const admin = new Pool({ connectionString: this.config.databaseUrl.replace(/\/[^/]+$/, '/postgres'), max: 1 });
    const database = new URL(this.config.databaseUrl).pathname.slice(1);
    // Closed pools let go of their connections a moment later; dropping before that kills a
    // connection some client still holds, and its error surfaces as an unhandled one.
    await eventually(
      async () => ((await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [database])).rows[0] as { n: number }).n === 0,
      10_000,
      'the stack to let go of its database',
    ).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

/** Polls until `probe` returns a value that is not undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as T;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/** A generic webhook payload with sensible defaults. */
export function genericPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalId: `evt-${randomBytes(6).toString('hex')}`,
    occurredAt: new Date().toISOString(),
    from: { email: `someone-${randomBytes(4).toString('hex')}@example.org`, name: 'Someone' },
    text: 'Hello, I need help with my order',
    ...overrides,
  };
}
