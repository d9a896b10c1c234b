import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AuthStore, SOCKET_FACTORY } from '@throughline/console/data-access';
import type { UserView } from '@throughline/domain';
import { AppComponent } from './app.component';
import { appRoutes } from './app.routes';

async function boot(url: string, signedIn?: UserView) {
  TestBed.configureTestingModule({
    imports: [AppComponent],
    providers: [
      provideRouter(appRoutes),
      provideHttpClient(),
      provideHttpClientTesting(),
      // Never open a real socket from a unit test.
      { provide: SOCKET_FACTORY, useValue: () => new Promise(() => undefined) },
    ],
  });
  if (signedIn) TestBed.inject(AuthStore).adopt({ accessToken: 't', user: signedIn });
  const fixture = TestBed.createComponent(AppComponent);
  const router = TestBed.inject(Router);
  await router.navigateByUrl(url);
  await fixture.whenStable();
  return { fixture, router };
}

describe('console routes', () => {
  afterEach(() => localStorage.clear());

  it('should send a signed-out visitor to /login', async () => {
    const { router, fixture } = await boot('/');
    expect(router.url).toBe('/login');
    expect((fixture.nativeElement as HTMLElement).querySelector('tl-login-page')).not.toBeNull();
  });

  it('should show the inbox to a signed-in agent and keep them off /login', async () => {
    const { router, fixture } = await boot('/login', { id: 'u1', email: 'a@example.com', name: 'Alex Agent', role: 'agent' });
    expect(router.url).toBe('/');
    expect((fixture.nativeElement as HTMLElement).querySelector('tl-inbox-page')).not.toBeNull();
    TestBed.inject(HttpTestingController).match(() => true);
  });
});
