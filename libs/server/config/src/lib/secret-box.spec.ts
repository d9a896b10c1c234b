import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('should round-trip secrets without leaving them readable', () => {
    const sealed = box.seal({ signingSecret: 'hunter2-hunter2' });
    expect(sealed).not.toContain('hunter2');
    expect(box.open(sealed)).toEqual({ signingSecret: 'hunter2-hunter2' });
  });

  it('should use a fresh IV every time', () => {
    expect(box.seal({ a: 'b' })).not.toBe(box.seal({ a: 'b' }));
  });

  it('should refuse values sealed under another key or tampered with', () => {
    const sealed = box.seal({ a: 'b' });
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow();
    const parts = sealed.split(':');
    parts[3] = Buffer.from('tampered').toString('base64');
    expect(() => box.open(parts.join(':'))).toThrow();
  });
});
