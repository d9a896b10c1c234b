import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';
import { ConfigError } from './config-error';

describe('loadConfig', () => {
  const stateDir = () => mkdtempSync(join(tmpdir(), 'tl-config-'));

  it('should apply the documented defaults', () => {
    const config = loadConfig({ STATE_DIR: stateDir() });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://postgres@localhost:5432/throughline',
      redisUrl: 'redis://localhost:6379',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      smtpInboundPort: 2525,
    });
  });

  it('should generate keys once and reuse them from the state directory', () => {
    const dir = stateDir();
    const first = loadConfig({ STATE_DIR: dir });
    const second = loadConfig({ STATE_DIR: dir });
    expect(first.secretsKey).toHaveLength(32);
    expect(second.secretsKey.equals(first.secretsKey)).toBe(true);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')).SECRETS_KEY).toBe(first.secretsKey.toString('hex'));
  });

  it('should name the variable and the expected shape in one line when a value is wrong', () => {
    expect(() => loadConfig({ STATE_DIR: stateDir(), DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ STATE_DIR: stateDir(), DATABASE_URL: 'mysql://x' })).toThrow(/^DATABASE_URL: must be a URL like postgres:\/\//);
    expect(() => loadConfig({ STATE_DIR: stateDir(), PORT: 'abc' })).toThrow(/^PORT: /);
    expect(() => loadConfig({ STATE_DIR: stateDir(), SECRETS_KEY: 'short' })).toThrow(/^SECRETS_KEY: must be 64 hex/);
  });

  it('should derive PUBLIC_URL from PORT and strip a trailing slash from an explicit one', () => {
    expect(loadConfig({ STATE_DIR: stateDir(), PORT: '4000' }).publicUrl).toBe('http://localhost:4000');
    expect(loadConfig({ STATE_DIR: stateDir(), PUBLIC_URL: 'https://help.acme.io/' }).publicUrl).toBe('https://help.acme.io');
  });

  describe('NODE_ENV=production', () => {
    const keys = { SECRETS_KEY: 'ab'.repeat(32), JWT_SECRET: 'x'.repeat(40) };

    it('should refuse to generate JWT_SECRET or SECRETS_KEY into the state file', () => {
      const dir = stateDir();
      expect(() => loadConfig({ STATE_DIR: dir, NODE_ENV: 'production', SECRETS_KEY: keys.SECRETS_KEY })).toThrow(
        /^JWT_SECRET: must be set explicitly when NODE_ENV=production/,
      );
      expect(() => loadConfig({ STATE_DIR: dir, NODE_ENV: 'production', JWT_SECRET: keys.JWT_SECRET })).toThrow(
        /^SECRETS_KEY: must be set explicitly when NODE_ENV=production/,
      );
      expect(() => loadConfig({ STATE_DIR: dir, NODE_ENV: 'production', JWT_SECRET: '', SECRETS_KEY: '' })).toThrow(ConfigError);
      expect(existsSync(join(dir, 'secrets.json'))).toBe(false);
    });

    it('should refuse to seed the demo workspace', () => {
      expect(() => loadConfig({ STATE_DIR: stateDir(), NODE_ENV: 'production', SEED_DEMO: 'true', ...keys })).toThrow(/^SEED_DEMO: .*cannot be seeded/);
    });

    it('should start with explicit keys, and turn the outbound guard on unless told otherwise', () => {
      expect(loadConfig({ STATE_DIR: stateDir(), NODE_ENV: 'production', ...keys })).toMatchObject({ production: true, outboundGuard: true });
      expect(loadConfig({ STATE_DIR: stateDir(), NODE_ENV: 'production', OUTBOUND_GUARD: 'off', ...keys }).outboundGuard).toBe(false);
      expect(loadConfig({ STATE_DIR: stateDir() })).toMatchObject({ production: false, outboundGuard: false });
      expect(loadConfig({ STATE_DIR: stateDir(), OUTBOUND_GUARD: 'on' }).outboundGuard).toBe(true);
    });
  });

  it('should parse OUTBOUND_ALLOW_HOSTS into host names and ranges, and name it when an entry is neither', () => {
    expect(loadConfig({ STATE_DIR: stateDir(), OUTBOUND_ALLOW_HOSTS: 'Mail.Corp.internal, 10.1.0.0/16,192.168.1.5 ,fd12::/16' }).outboundAllow).toEqual({
      hosts: ['mail.corp.internal'],
      cidrs: ['10.1.0.0/16', '192.168.1.5/32', 'fd12::/16'],
    });
    expect(() => loadConfig({ STATE_DIR: stateDir(), OUTBOUND_ALLOW_HOSTS: 'ok.example,http://x' })).toThrow(/^OUTBOUND_ALLOW_HOSTS: /);
    expect(() => loadConfig({ STATE_DIR: stateDir(), OUTBOUND_ALLOW_HOSTS: '10.0.0.0/33' })).toThrow(/^OUTBOUND_ALLOW_HOSTS: /);
  });
});
