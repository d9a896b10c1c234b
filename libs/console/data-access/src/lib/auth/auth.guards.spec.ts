import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, type UrlTree } from '@angular/router';
import type { Role } from '@throughline/domain';
import { roleGuard } from './auth.guards';
import { AuthStore } from './auth.store';

describe('roleGuard', () => {
  afterEach(() => localStorage.clear());

  function check(role: Role | null, roles: Role[], fallback?: string): true | string {
    TestBed.resetTestingModule();
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient()] });
    if (role) TestBed.inject(AuthStore).adopt({ accessToken: 't', user: { id: 'u1', email: 'x@example.com', name: 'X', role } });
    const result = TestBed.runInInjectionContext(() => roleGuard(roles, fallback)({}, [])) as true | UrlTree;
    return result === true ? true : TestBed.inject(Router).serializeUrl(result);
  }

  it('should let in the roles it names', () => {
    expect(check('supervisor', ['admin', 'supervisor'])).toBe(true);
  });

  it('should send other roles, and nobody signed in, to the fallback', () => {
    expect(check('agent', ['admin', 'supervisor'])).toBe('/');
    expect(check('supervisor', ['admin'], '/admin/report')).toBe('/admin/report');
    expect(check(null, ['admin'])).toBe('/');
  });
});
