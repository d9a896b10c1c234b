import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AuthStore, LOGIN_URL } from '@throughline/console/data-access';
import { LoginPageComponent } from './login-page.component';

/** Lets the component's async submit() run to its end. */
async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await fixture.whenStable();
}

async function setup() {
  localStorage.clear();
  TestBed.configureTestingModule({
    imports: [LoginPageComponent],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
  });
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  const fixture = TestBed.createComponent(LoginPageComponent);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const email = el.querySelector<HTMLInputElement>('#login-email');
  const password = el.querySelector<HTMLInputElement>('#login-password');
  const button = el.querySelector<HTMLButtonElement>('button[type=submit]');
  if (!email || !password || !button) throw new Error('form not rendered');

  const type = (input: HTMLInputElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = async () => {
    el.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
  };
  return { fixture, el, email, password, button, type, submit, navigate, http: TestBed.inject(HttpTestingController) };
}

describe('LoginPageComponent', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('should label both inputs', async () => {
    const { el } = await setup();
    expect(el.querySelector('label[for=login-email]')?.textContent).toContain('Email');
    expect(el.querySelector('label[for=login-password]')?.textContent).toContain('Password');
  });

  it('should show "Wrong email or password" when the API answers 401', async () => {
    const { el, email, password, button, type, submit, http, fixture } = await setup();
    type(email, 'agent@example.com');
    type(password, 'wrong');
    await submit();

    http.expectOne(LOGIN_URL).flush({ statusCode: 401, error: 'Unauthorized', message: 'Invalid credentials' }, { status: 401, statusText: 'Unauthorized' });
    await settle(fixture);

    const alert = el.querySelector('[role=alert]');
    expect(alert?.textContent?.trim()).toBe('Wrong email or password');
    expect(email.getAttribute('aria-describedby')).toBe('login-error');
    expect(button.disabled).toBe(false);
    expect(button.textContent?.trim()).toBe('Sign in');
  });

  it('should disable the button while signing in, then go to the inbox', async () => {
    const { email, password, button, type, submit, http, fixture, navigate } = await setup();
    type(email, ' agent@example.com ');
    type(password, 'throughline-demo');
    await submit();

    expect(button.disabled).toBe(true);
    expect(button.textContent).toContain('Signing in');
    const req = http.expectOne(LOGIN_URL);
    expect(req.request.body).toEqual({ email: 'agent@example.com', password: 'throughline-demo' });
    req.flush({ accessToken: 't', user: { id: 'u1', email: 'agent@example.com', name: 'Alex Agent', role: 'agent' } });
    await settle(fixture);

    expect(TestBed.inject(AuthStore).isAuthenticated()).toBe(true);
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('should ask for both fields without calling the API when one is empty', async () => {
    const { el, email, type, submit } = await setup();
    type(email, 'agent@example.com');
    await submit();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Enter your email address and password');
  });
});
