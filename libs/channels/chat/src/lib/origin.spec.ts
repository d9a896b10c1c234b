import { isOriginAllowed, isOriginPattern, normalizeOrigin, pageOrigin } from './origin';

describe('chat origins', () => {
  it('takes Origin, else the origin of Referer, and drops default ports', () => {
    expect(pageOrigin({ origin: 'https://shop.example:443' })).toBe('https://shop.example');
    expect(pageOrigin({ referer: 'http://localhost:3000/chat-demo?x=1' })).toBe('http://localhost:3000');
    expect(pageOrigin({ origin: 'null', referer: 'https://shop.example/a' })).toBe('https://shop.example');
    expect(pageOrigin({})).toBeNull();
    expect(normalizeOrigin('file:///tmp/x.html')).toBeNull();
  });

  it('allows exact origins only with the same scheme and port', () => {
    const allowed = ['https://shop.example', 'http://localhost:3000'];
    expect(isOriginAllowed('https://shop.example', allowed)).toBe(true);
    expect(isOriginAllowed('http://shop.example', allowed)).toBe(false);
    expect(isOriginAllowed('http://localhost:3001', allowed)).toBe(false);
    expect(isOriginAllowed('https://shop.example.evil.test', allowed)).toBe(false);
    expect(isOriginAllowed(null, allowed)).toBe(false);
  });

  it('allows subdomains for a wildcard entry, but not the bare domain or look-alikes', () => {
    const allowed = ['https://*.shop.example'];
    expect(isOriginAllowed('https://eu.shop.example', allowed)).toBe(true);
    expect(isOriginAllowed('https://a.b.shop.example', allowed)).toBe(true);
    expect(isOriginAllowed('https://shop.example', allowed)).toBe(false);
    expect(isOriginAllowed('https://evilshop.example', allowed)).toBe(false);
    expect(isOriginAllowed('http://eu.shop.example', allowed)).toBe(false);
  });

  it('accepts origins and wildcards as config entries, nothing with a path or credentials', () => {
    expect(isOriginPattern('https://shop.example')).toBe(true);
    expect(isOriginPattern('http://localhost:3000')).toBe(true);
    expect(isOriginPattern('https://*.shop.example')).toBe(true);
    expect(isOriginPattern('https://shop.example/support')).toBe(false);
    expect(isOriginPattern('https://user:pw@shop.example')).toBe(false);
    expect(isOriginPattern('shop.example')).toBe(false);
    expect(isOriginPattern('*')).toBe(false);
  });
});
