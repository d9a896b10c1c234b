import { REDACTED, redactSecrets } from './audit-redaction';

describe('redactSecrets', () => {
  it('hides secret-looking keys at any depth and keeps the rest', () => {
    const details = {
      name: 'Support',
      config: { host: 'imap.example.org', smtp: { smtpPassword: 'p', user: 'u' } },
      secrets: { authToken: 't' },
      list: [{ signingSecret: 's', id: 1 }],
      passwordHash: '$2b$',
    };
    expect(redactSecrets(details)).toEqual({
      name: 'Support',
      config: { host: 'imap.example.org', smtp: { smtpPassword: REDACTED, user: 'u' } },
      secrets: REDACTED,
      list: [{ signingSecret: REDACTED, id: 1 }],
      passwordHash: REDACTED,
    });
  });

  it('does not change its input', () => {
    const input = { token: 'x' };
    redactSecrets(input);
    expect(input.token).toBe('x');
  });

  it('passes scalars and null through', () => {
    expect(redactSecrets(null)).toBeNull();
    expect(redactSecrets('text')).toBe('text');
  });
});
