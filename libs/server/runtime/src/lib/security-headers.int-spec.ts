import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestStack } from '../testing/test-stack';

/** A response's Content-Security-Policy as directive → sources. */
function directives(header: string | null): Record<string, string[]> {
  return Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('security headers on the API and the console (real API)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    const consoleDir = mkdtempSync(join(tmpdir(), 'tl-console-'));
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>console</title>');
    stack = await TestStack.start({
      env: { CONSOLE_DIR: consoleDir, DATABASE_URL: `postgres://postgres@127.0.0.1:5432/throughline_test_security_headers_${process.pid}` },
    });
  });

  afterAll(() => stack?.close());

  const routes = [
    ['the console shell', '/'],
    ['a console route (single-page fallback)', '/conversations/123'],
    ['a REST route', '/api/ready'],
    ['an authenticated REST route refused', '/api/conversations'],
    ['the OpenAPI page', '/api/docs'],
    ['a webhook refused before its body', '/api/hooks/not-a-uuid/generic'],
  ];

  it.each(routes)('should send the hardening headers on %s', async (_name, path) => {
    const res = await fetch(`${stack.baseUrl}${path}`);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['script-src-attr']).toEqual(["'none'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('should serve the console shell itself under the policy', async () => {
    const res = await fetch(`${stack.baseUrl}/inbox`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>console</title>');
  });
});
