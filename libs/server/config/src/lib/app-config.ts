import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { ConfigError } from './config-error';

const url = (protocols: string[], example: string) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL like ${example}` },
  );

const port = z.coerce.number().int().min(0).max(65535);

const envSchema = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://postgres@localhost:5432/throughline').default('postgres://postgres@localhost:5432/throughline'),
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://localhost:6379').default('redis://localhost:6379'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/i, 'must be 1-40 letters, digits, - or _')
    .default('throughline'),
  PORT: port.default(3000),
  PUBLIC_URL: url(['http:', 'https:'], 'https://support.example.com').optional(),
  SMTP_INBOUND_PORT: port.default(2525),
  SECRETS_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes), e.g. from `openssl rand -hex 32`')
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(15 * 60),
  REFRESH_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .default(14 * 24 * 3600),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(300),
  INVITE_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(72),
  SMTP_OUTBOUND_URL: url(['smtp:', 'smtps:'], 'smtp://user:password@smtp.example.com:587').optional(),
  MAIL_FROM: z.string().email('must be an email address like support@example.com').optional(),
  WEBHOOK_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  EMAIL_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(25 * 1024 * 1024),
  SMTP_INBOUND_HOST: z.string().min(1).default('0.0.0.0'),
  SMTP_INBOUND_MAX_CLIENTS: z.coerce.number().int().min(1).max(100_000).default(200),
  SMTP_INBOUND_MAX_PER_IP: z.coerce.number().int().min(1).max(10_000).default(10),
  DEFAULT_PHONE_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 country code like GB or US')
    .optional(),
  STATE_DIR: z.string().default('.throughline'),
  CONSOLE_DIR: z.string().optional(),
  INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  JOB_RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(24),
  JOB_RETRY_BASE_MS: z.coerce.number().int().min(10).default(1000),
  JOB_RETRY_MAX_DELAY_MS: z.coerce
    .number()
    .int()
    .min(10)
    .default(5 * 60 * 1000),
  SLA_AT_RISK_SHARE: z.coerce.number().gt(0, 'must be between 0 and 1').lt(1, 'must be between 0 and 1').default(0.25),
  SLA_CHECK_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  PRESENCE_OFFLINE_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  SEED_DEMO: z.enum(['true', 'false'], { message: 'must be true or false' }).default('false'),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  NODE_ENV: z.string().default('development'),
  OUTBOUND_GUARD: z.enum(['on', 'off'], { message: 'must be on or off' }).optional(),
  OUTBOUND_ALLOW_HOSTS: z
    .string()
    .refine((v) => parseAllowList(v) !== null, { message: 'must be a comma-separated list of host names and IP ranges like mail.corp.internal,10.1.0.0/16' })
    .optional(),
  CHAT_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
  CHAT_NEW_VISITORS_PER_IP: z.coerce.number().int().min(1).default(20),
  CHAT_NEW_VISITORS_PER_CONNECTOR: z.coerce.number().int().min(1).default(1000),
});

export interface AppConfig {
  databaseUrl: string;
  redisUrl: string;
  /** Namespaces queues and live events, so several deployments (or test runs) can share one Redis. */
  redisPrefix: string;
  port: number;
  publicUrl: string;
  smtpInboundPort: number;
  /** 32-byte AES-256-GCM key for connector secrets at rest. */
  secretsKey: Buffer;
  jwtSecret: string;
  /** Lifetime of an access token; the console renews it with its refresh cookie. */
  jwtTtlSeconds: number;
  refreshTtlSeconds: number;
  /** Failed sign-ins allowed per IP and account, and per IP across accounts, in one window. */
  loginMaxFailures: number;
  loginMaxFailuresPerIp: number;
  loginFailureWindowSeconds: number;
  inviteTtlHours: number;
  /** Outbound mail for invites and reset links; without it the admin shares the link by hand. */
  smtpOutboundUrl?: string;
  mailFrom?: string;
  webhookBodyLimitBytes: number;
  /** Largest raw mail accepted by SMTP, the email webhook and IMAP; larger mail is refused or kept as failed. */
  emailMaxBytes: number;
  /** Interface the inbound SMTP listener binds; port 0 picks a free one (tests). */
  smtpInboundHost: string;
  /** Concurrent SMTP clients overall, and per remote address; the next one gets 421. */
  smtpInboundMaxClients: number;
  smtpInboundMaxPerIp: number;
  defaultPhoneCountry?: string;
  stateDir: string;
  consoleDir?: string;
  ingestConcurrency: number;
  sweepIntervalMs: number;
  /**
   * Ingest and delivery jobs: how often they run before they count as failed, and the capped
   * exponential wait between runs (the defaults outlast a database or Redis outage of an hour).
   */
  jobRetry: { attempts: number; baseDelayMs: number; maxDelayMs: number };
  /** Share of an SLA target left when a conversation counts as at risk. */
  slaAtRiskShare: number;
  /** How often the worker looks for SLA warnings and breaches. */
  slaCheckIntervalMs: number;
  /** How long an agent keeps their status after their last console socket closes. */
  presenceOfflineGraceMs: number;
  /** Seed the demo workspace on an empty database (npm start sets it). */
  seedDemo: boolean;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** NODE_ENV=production: demo leftovers and generated keys refuse the start; the outbound guard is on by default. */
  production: boolean;
  /** Outbound connections from connector settings (callbacks, provider base URLs, IMAP/SMTP) refuse internal addresses. */
  outboundGuard: boolean;
  /** Hosts and IP ranges the outbound guard lets through (on-premise mail servers, an internal callback). */
  outboundAllow: OutboundAllowList;
  /** Unauthenticated chat: new visitors (handshakes without a valid visitor token) per address on a widget and per widget, per window. */
  chatLimits: { windowSeconds: number; visitorsPerIp: number; visitorsPerConnector: number };
}

export interface OutboundAllowList {
  hosts: string[];
  /** CIDR ranges as written, e.g. 10.1.0.0/16 or fd12::/16. */
  cidrs: string[];
}

/** Parses OUTBOUND_ALLOW_HOSTS; null when an entry is neither a host name nor an address range. */
export function parseAllowList(value: string | undefined): OutboundAllowList | null {
  const list: OutboundAllowList = { hosts: [], cidrs: [] };
  for (const entry of (value ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean)) {
    if (ipaddr.isValidCIDR(entry)) list.cidrs.push(entry);
    else if (ipaddr.isValid(entry)) list.cidrs.push(`${entry}/${ipaddr.parse(entry).kind() === 'ipv4' ? 32 : 128}`);
    else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(entry)) list.hosts.push(entry);
    else return null;
  }
  return list;
}

interface LocalSecrets {
  SECRETS_KEY: string;
  JWT_SECRET: string;
}

/**
 * On a developer machine nobody sets keys: generate them once and keep them in STATE_DIR, so
 * encrypted connector secrets and issued tokens survive restarts. Production sets both variables.
 */
function localSecrets(stateDir: string): LocalSecrets {
  const file = join(stateDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  const secrets: LocalSecrets = {
    SECRETS_KEY: randomBytes(32).toString('hex'),
    JWT_SECRET: randomBytes(48).toString('base64url'),
  };
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    throw new ConfigError(name, `${issue.message} (got ${JSON.stringify(env[name])})`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production) {
    // Generated keys live in a local file: in production they would differ per host and vanish with a container.
    for (const name of ['JWT_SECRET', 'SECRETS_KEY'] as const) {
      if (!e[name]) throw new ConfigError(name, 'must be set explicitly when NODE_ENV=production (generated keys are for local machines only)');
    }
    if (e.SEED_DEMO === 'true')
      throw new ConfigError('SEED_DEMO', 'the demo workspace (known passwords and secrets) cannot be seeded when NODE_ENV=production');
  }
  const stateDir = resolve(e.STATE_DIR);
  const generated = e.SECRETS_KEY && e.JWT_SECRET ? null : localSecrets(stateDir);
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    smtpInboundPort: e.SMTP_INBOUND_PORT,
    secretsKey: Buffer.from(e.SECRETS_KEY ?? (generated as LocalSecrets).SECRETS_KEY, 'hex'),
    jwtSecret: e.JWT_SECRET ?? (generated as LocalSecrets).JWT_SECRET,
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    refreshTtlSeconds: e.REFRESH_TTL_SECONDS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginMaxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
    loginFailureWindowSeconds: e.LOGIN_FAILURE_WINDOW_SECONDS,
    inviteTtlHours: e.INVITE_TTL_HOURS,
    smtpOutboundUrl: e.SMTP_OUTBOUND_URL,
    mailFrom: e.MAIL_FROM,
    webhookBodyLimitBytes: e.WEBHOOK_BODY_LIMIT_BYTES,
    emailMaxBytes: e.EMAIL_MAX_BYTES,
    smtpInboundHost: e.SMTP_INBOUND_HOST,
    smtpInboundMaxClients: e.SMTP_INBOUND_MAX_CLIENTS,
    smtpInboundMaxPerIp: e.SMTP_INBOUND_MAX_PER_IP,
    defaultPhoneCountry: e.DEFAULT_PHONE_COUNTRY,
    stateDir,
    consoleDir: e.CONSOLE_DIR,
    ingestConcurrency: e.INGEST_CONCURRENCY,
    sweepIntervalMs: e.SWEEP_INTERVAL_MS,
    jobRetry: { attempts: e.JOB_RETRY_ATTEMPTS, baseDelayMs: e.JOB_RETRY_BASE_MS, maxDelayMs: Math.max(e.JOB_RETRY_MAX_DELAY_MS, e.JOB_RETRY_BASE_MS) },
    slaAtRiskShare: e.SLA_AT_RISK_SHARE,
    slaCheckIntervalMs: e.SLA_CHECK_INTERVAL_MS,
    presenceOfflineGraceMs: e.PRESENCE_OFFLINE_GRACE_MS,
    seedDemo: e.SEED_DEMO === 'true',
    logLevel: e.LOG_LEVEL,
    production,
    outboundGuard: (e.OUTBOUND_GUARD ?? (production ? 'on' : 'off')) === 'on',
    outboundAllow: parseAllowList(e.OUTBOUND_ALLOW_HOSTS) as OutboundAllowList,
    chatLimits: {
      windowSeconds: e.CHAT_RATE_WINDOW_SECONDS,
      visitorsPerIp: e.CHAT_NEW_VISITORS_PER_IP,
      visitorsPerConnector: e.CHAT_NEW_VISITORS_PER_CONNECTOR,
    },
  };
}

/** The outbound guard (OUTBOUND_GUARD, OUTBOUND_ALLOW_HOSTS) in the shape the channel adapters take it. */
export function outboundPolicyOf(config: Pick<AppConfig, 'outboundGuard' | 'outboundAllow'>): { guard: boolean; allow: OutboundAllowList } {
  return { guard: config.outboundGuard, allow: config.outboundAllow };
}
