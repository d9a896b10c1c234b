import { roleAtLeast } from './auth.guard';
import { TokenService } from './token.service';
import type { AppConfig } from '@throughline/server/config';

describe('roles and tokens', () => {
  it('should order roles agent < supervisor < admin', () => {
    expect(roleAtLeast('admin', 'agent')).toBe(true);
    expect(roleAtLeast('supervisor', 'supervisor')).toBe(true);
    expect(roleAtLeast('agent', 'supervisor')).toBe(false);
    expect(roleAtLeast('supervisor', 'admin')).toBe(false);
  });

  const service = (secret: string) => new TokenService({ jwtSecret: secret, jwtTtlSeconds: 60 } as AppConfig);

  it('should verify its own tokens, carrying the token version, and refuse tokens signed with another secret', () => {
    const user = { id: 'u1', email: 'a@x.io', role: 'agent' as const };
    const token = service('a'.repeat(32)).issue({ ...user, tokenVersion: 3 });
    expect(service('a'.repeat(32)).verify(token)).toEqual({ ...user, version: 3, expiresAt: expect.any(Number) });
    expect(service('b'.repeat(32)).verify(token)).toBeNull();
    expect(service('a'.repeat(32)).verify('not.a.token')).toBeNull();
  });
});
