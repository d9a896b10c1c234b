import { IdentityError, normalizeEmail, normalizeIdentity, normalizePhone } from './identity';

describe('identity normalisation', () => {
  it('should lower-case and trim emails so Ana@Example.COM and ana@example.com are one person', () => {
    expect(normalizeEmail('  Ana@Example.COM ')).toBe('ana@example.com');
    expect(normalizeEmail('mailto:Bob@x.io')).toBe('bob@x.io');
  });

  it('should reject strings that are not email addresses', () => {
    expect(() => normalizeEmail('not-an-email')).toThrow(IdentityError);
    expect(() => normalizeEmail('a b@c.d')).toThrow(/email/);
  });

  it('should store phones in E.164 whatever notation they arrive in', () => {
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('0044 (20) 7946-0958')).toBe('+442079460958');
    expect(normalizePhone('tel:+1-415-555-0100')).toBe('+14155550100');
    expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958');
  });

  it('should reject phones without a country when no default country is known', () => {
    expect(() => normalizePhone('020 7946 0958')).toThrow(IdentityError);
    expect(() => normalizePhone('+1 23')).toThrow(IdentityError);
  });

  it('should trim platform ids and refuse empty ones', () => {
    expect(normalizeIdentity('x', ' 2244994945 ')).toEqual({ kind: 'x', value: '2244994945' });
    expect(() => normalizeIdentity('external', '   ')).toThrow(IdentityError);
  });
});
