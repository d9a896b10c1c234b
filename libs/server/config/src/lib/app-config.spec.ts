import { mkdtempSync, readFileSync } from 'node:fs';
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
});
