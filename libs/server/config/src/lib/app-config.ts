import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://postgres@localhost:5432/throughline').default(
    'postgres://postgres@localhost:5432/throughline',
  ),
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://localhost:6379').default('redis://localhost:6379'),
  REDIS_PREFIX: z.string().regex(/^[a-z0-9_-]{1,40}$/i, 'must be 1-40 letters, digits, - or _').default('throughline'),
  PORT: port.default(3000),
  PUBLIC_URL: url(['http:', 'https:'], 'https://support.example.com').optional(),
  SMTP_INBOUND_PORT: port.default(2525),
  SECRETS_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes), e.g. from `openssl rand -hex 32`')
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).default(12 * 3600),
  WEBHOOK_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  EMAIL_MAX_BYTES: z.coerce.number().int().min(64 * 1024).default(25 * 1024 * 1024),
  SMTP_INBOUND_HOST: z.string().min(1).default('0.0.0.0'),
  DEFAULT_PHONE_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 country code like GB or US')
    .optional(),
  STATE_DIR: z.string().default('.throughline'),
  CONSOLE_DIR: z.string().optional(),
  INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  SLA_AT_RISK_SHARE: z.coerce.number().gt(0, 'must be between 0 and 1').lt(1, 'must be between 0 and 1').default(0.25),
  SLA_CHECK_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  SEED_DEMO: z.enum(['true', 'false'], { message: 'must be true or false' }).default('false'),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
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
  jwtTtlSeconds: number;
  webhookBodyLimitBytes: number;
  /** Largest raw mail accepted by SMTP, the email webhook and IMAP; larger mail is refused or kept as failed. */
  emailMaxBytes: number;
  /** Interface the inbound SMTP listener binds; port 0 picks a free one (tests). */
  smtpInboundHost: string;
  defaultPhoneCountry?: string;
  stateDir: string;
  consoleDir?: string;
  ingestConcurrency: number;
  sweepIntervalMs: number;
  /** Share of an SLA target left when a conversation counts as at risk. */
  slaAtRiskShare: number;
  /** How often the worker looks for SLA warnings and breaches. */
  slaCheckIntervalMs: number;
  /** Seed the demo workspace on an empty database (npm start sets it). */
  seedDemo: boolean;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
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
    webhookBodyLimitBytes: e.WEBHOOK_BODY_LIMIT_BYTES,
    emailMaxBytes: e.EMAIL_MAX_BYTES,
    smtpInboundHost: e.SMTP_INBOUND_HOST,
    defaultPhoneCountry: e.DEFAULT_PHONE_COUNTRY,
    stateDir,
    consoleDir: e.CONSOLE_DIR,
    ingestConcurrency: e.INGEST_CONCURRENCY,
    sweepIntervalMs: e.SWEEP_INTERVAL_MS,
    slaAtRiskShare: e.SLA_AT_RISK_SHARE,
    slaCheckIntervalMs: e.SLA_CHECK_INTERVAL_MS,
    seedDemo: e.SEED_DEMO === 'true',
    logLevel: e.LOG_LEVEL,
  };
}
