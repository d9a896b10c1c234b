import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ConnectorsApi } from '@throughline/console/data-access';
import { NOW, PendingCalls } from '@throughline/console/data-access/testing';
import type { ConnectorProvidersView, ConnectorTestView, ConnectorView, RawEventView, RotatedSecretView } from '@throughline/domain';
import { ConnectorDetailComponent } from './connector-detail.component';

const MAILBOX: ConnectorView = {
  id: 'conn-1',
  name: 'Support mailbox',
  kind: 'email',
  provider: 'imap',
  queueId: null,
  config: { address: 'support@shop.example', host: 'imap.shop.example', smtp: { host: 'smtp.shop.example', port: 587 } },
  secretNames: ['password'],
  enabled: true,
  health: 'failing',
  lastEventAt: null,
  lastError: 'connection test: login refused',
  webhookUrls: {},
  previousSecretValidUntil: null,
  createdAt: new Date(NOW).toISOString(),
};
const CATALOG: ConnectorProvidersView = {
  publicUrl: 'https://support.example',
  providers: [
    {
      provider: 'imap',
      kind: 'email',
      label: 'IMAP mailbox',
      description: '',
      webhookPaths: [],
      generatedSecret: null,
      fields: [
        { name: 'address', label: 'Email address', type: 'email', required: true, secret: false, help: null, default: null, options: null, group: null },
        { name: 'host', label: 'IMAP host', type: 'text', required: true, secret: false, help: null, default: null, options: null, group: null },
        { name: 'password', label: 'IMAP password', type: 'text', required: true, secret: true, help: null, default: null, options: null, group: null },
      ],
    },
    {
      provider: 'generic',
      kind: 'generic',
      label: 'Generic webhook',
      description: '',
      webhookPaths: ['generic'],
      generatedSecret: 'signingSecret',
      fields: [],
    },
  ],
};
const GENERIC: ConnectorView = {
  ...MAILBOX,
  id: 'conn-1',
  name: 'Contact form',
  kind: 'generic',
  provider: 'generic',
  config: {},
  secretNames: ['signingSecret'],
};

const FAILED: RawEventView = {
  id: 'ev-1',
  connectorId: 'conn-1',
  externalId: 'msg-42',
  status: 'failed',
  error: 'from: needs at least one of email, phone or handle',
  attempts: 0,
  receivedAt: new Date(NOW).toISOString(),
  processedAt: null,
};

async function setup() {
  const get = new PendingCalls<[string], ConnectorView>();
  const failedEvents = new PendingCalls<[string], RawEventView[]>();
  const test = new PendingCalls<[string], ConnectorTestView>();
  const retryEvent = new PendingCalls<[string, string], RawEventView>();
  const setEnabled = new PendingCalls<[string, boolean], ConnectorView>();
  const providers = new PendingCalls<[], ConnectorProvidersView>();
  const update = new PendingCalls<[string, unknown], ConnectorView>();
  const rotateSecret = new PendingCalls<[string, number], RotatedSecretView>();
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      {
        provide: ConnectorsApi,
        useValue: {
          get: get.fn,
          failedEvents: failedEvents.fn,
          test: test.fn,
          retryEvent: retryEvent.fn,
          setEnabled: setEnabled.fn,
          providers: providers.fn,
          update: update.fn,
          rotateSecret: rotateSecret.fn,
        },
      },
    ],
  });
  const fixture = TestBed.createComponent(ConnectorDetailComponent);
  fixture.componentRef.setInput('connectorId', 'conn-1');
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const render = () => fixture.whenStable();
  const button = (name: string) => [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
  return { fixture, el, get, failedEvents, test, retryEvent, setEnabled, providers, update, rotateSecret, render, button };
}

describe('ConnectorDetailComponent', () => {
  it('should show loading, then settings with secrets by name only, and the failed events with their error', async () => {
    const { el, get, failedEvents, render } = await setup();
    expect(el.querySelector('[aria-label="Loading the connector"]')).not.toBeNull();
    await get.respond(MAILBOX);
    await render();
    expect(el.querySelector('h1')?.textContent).toContain('Support mailbox');
    expect(el.querySelector('.pill[data-health]')?.textContent).toBe('Failing');
    const settings = [...el.querySelectorAll('#config-title ~ dl dt')].map((dt) => dt.textContent?.trim());
    expect(settings).toEqual(['address', 'host', 'smtp.host', 'smtp.port', 'Secrets']);
    expect(el.textContent).toContain('password');
    expect(el.textContent).toContain('IMAP mailbox events come in by polling or a socket');

    expect(failedEvents.last.args).toEqual(['conn-1']);
    await failedEvents.respond([FAILED]);
    await render();
    const row = el.querySelector('table[aria-label="Failed events"] tbody tr');
    expect(row?.textContent).toContain('msg-42');
    expect(row?.textContent).toContain('from: needs at least one of email, phone or handle');
  });

  it('should say in words which stage of the connection test failed', async () => {
    const { el, get, failedEvents, test, render, button } = await setup();
    await get.respond(MAILBOX);
    await failedEvents.respond([]);
    await render();
    expect(el.textContent).toContain('No failed events');

    button('Test connection').click();
    await render();
    expect(button('Testing…').disabled).toBe(true);
    await test.respond({
      ok: false,
      checks: [
        { ok: true, stage: 'connect', message: 'imap.shop.example:993 answered' },
        { ok: false, stage: 'auth', message: 'the server refused the user name or password', detail: 'AUTHENTICATIONFAILED' },
      ],
    });
    await get.respond(MAILBOX);
    await render();
    const result = el.querySelector('[aria-label="Connection test"]');
    expect(result?.textContent).toContain('Connection test failed');
    expect([...(result?.querySelectorAll('li') ?? [])].map((li) => li.textContent?.trim())).toEqual([
      'Connecting to the server worked: imap.shop.example:993 answered',
      expect.stringContaining('Signing in failed: the server refused the user name or password'),
    ]);
  });

  it('should retry a failed event and show the outcome beside it, or the error', async () => {
    const { el, get, failedEvents, retryEvent, render } = await setup();
    await get.respond(MAILBOX);
    await failedEvents.respond([FAILED, { ...FAILED, id: 'ev-2', externalId: 'msg-43' }]);
    await render();
    const retryButtons = el.querySelectorAll<HTMLButtonElement>('button[aria-label^="Retry event"]');
    retryButtons[0].click();
    retryButtons[1].click();
    await render();
    expect(retryEvent.calls.map((c) => c.args)).toEqual([
      ['conn-1', 'ev-1'],
      ['conn-1', 'ev-2'],
    ]);
    await retryEvent.respond({ ...FAILED, status: 'queued', error: null }, 0);
    await retryEvent.fail(409, 1, { statusCode: 409, error: 'Conflict', message: 'event ev-2 is queued, only failed events can be retried' });
    await render();
    const notes = [...el.querySelectorAll('.retry-note')].map((n) => n.textContent);
    expect(notes).toEqual([
      'Sent to processing again (queued). Refresh to see whether it failed again.',
      'event ev-2 is queued, only failed events can be retried',
    ]);
  });

  it('should switch the connector off through the API', async () => {
    const { el, get, failedEvents, setEnabled, render } = await setup();
    await get.respond(MAILBOX);
    await failedEvents.respond([]);
    await render();
    const toggle = el.querySelector<HTMLInputElement>('input[type="checkbox"]') as HTMLInputElement;
    toggle.click();
    expect(setEnabled.last.args).toEqual(['conn-1', false]);
    await setEnabled.respond({ ...MAILBOX, enabled: false });
    await render();
    expect(toggle.checked).toBe(false);
  });

  it('should offer to try again when the connector cannot be loaded', async () => {
    const { el, get, render, button } = await setup();
    await get.fail(404, 0, { statusCode: 404, error: 'Not Found', message: 'connector conn-1 not found' });
    await render();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('connector conn-1 not found');
    button('Try again').click();
    expect(get.calls).toHaveLength(2);
  });

  it('should spell out what disabling does, and that a disabled connector refuses its webhooks', async () => {
    const { el, get, render } = await setup();
    await get.respond({ ...GENERIC, enabled: false });
    await render();
    expect(el.querySelector('.consequence')?.textContent).toContain('Its webhooks are refused with 403');
    expect(el.querySelector('.consequence')?.textContent).toContain('Enable it to accept events again');
  });

  it('should rotate the signing secret with the chosen grace period, showing the new secret once and until when the old one works', async () => {
    const { el, get, providers, rotateSecret, render, button } = await setup();
    await providers.respond(CATALOG);
    await get.respond(GENERIC);
    await render();
    const grace = el.querySelector<HTMLSelectElement>('.rotation select') as HTMLSelectElement;
    grace.value = '3600';
    grace.dispatchEvent(new Event('change'));
    button('Rotate secret').click();
    expect(rotateSecret.last.args).toEqual(['conn-1', 3600]);
    const until = new Date(NOW + 3600_000).toISOString();
    await rotateSecret.respond({
      connector: { ...GENERIC, previousSecretValidUntil: until },
      secretName: 'signingSecret',
      secret: 'new-secret-value',
      previousValidUntil: until,
    });
    await render();
    expect(el.querySelector('[aria-label="Signing secret"]')?.textContent).toBe('new-secret-value');
    expect(el.textContent).toContain('Shown once');
    expect(el.querySelector('.rotation [role="status"]')?.textContent).toContain('The previous secret is still accepted until');
  });

  it('should edit the settings and put the server’s message beside the field it names', async () => {
    const { el, get, providers, update, render, button } = await setup();
    await providers.respond(CATALOG);
    await get.respond(MAILBOX);
    await render();
    button('Edit settings').click();
    await render();
    const host = el.querySelector<HTMLInputElement>('#connector-field-config-host') as HTMLInputElement;
    expect(host.value).toBe('imap.shop.example');
    expect(el.querySelector<HTMLInputElement>('#connector-field-secrets-password')?.placeholder).toBe('Set: leave empty to keep it');
    host.value = 'imap.other.example';
    host.dispatchEvent(new Event('input'));
    button('Save changes').click();
    expect(update.last.args).toEqual(['conn-1', { name: 'Support mailbox', config: { address: 'support@shop.example', host: 'imap.other.example' } }]);
    await update.fail(400, 0, { statusCode: 400, error: 'Bad Request', message: ['config.host: is not reachable', 'something else'] });
    await render();
    expect(el.querySelector('#connector-field-config-host-error')?.textContent).toBe('is not reachable');
    expect(host.getAttribute('aria-invalid')).toBe('true');
    expect(el.querySelector('form [role="alert"]')?.textContent).toContain('something else');
  });
});
