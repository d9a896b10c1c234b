import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ConnectorsApi, type NewConnector, WorkspaceAdminApi } from '@throughline/console/data-access';
import { NOW, PendingCalls } from '@throughline/console/data-access/testing';
import type { ConnectorProvidersView, CreatedConnectorView, QueueView } from '@throughline/domain';
import { ConnectorNewComponent } from './connector-new.component';

const CATALOG: ConnectorProvidersView = {
  publicUrl: 'https://support.example',
  providers: [
    {
      provider: 'generic',
      kind: 'generic',
      label: 'Generic webhook',
      description: 'Signed JSON events.',
      webhookPaths: ['generic'],
      generatedSecret: 'signingSecret',
      fields: [
        { name: 'callbackUrl', label: 'Callback URL', type: 'url', required: false, secret: false, help: null, default: null, options: null, group: null },
      ],
    },
    {
      provider: 'twilio',
      kind: 'phone',
      label: 'Twilio Voice',
      description: 'Calls.',
      webhookPaths: ['twilio'],
      generatedSecret: null,
      fields: [
        { name: 'accountSid', label: 'Account SID', type: 'text', required: true, secret: false, help: null, default: null, options: null, group: null },
        { name: 'authToken', label: 'Auth token', type: 'text', required: true, secret: true, help: null, default: null, options: null, group: null },
      ],
    },
  ],
};

async function setup() {
  const providers = new PendingCalls<[], ConnectorProvidersView>();
  const queues = new PendingCalls<[], QueueView[]>();
  const create = new PendingCalls<[NewConnector], CreatedConnectorView>();
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      { provide: ConnectorsApi, useValue: { providers: providers.fn, create: create.fn } },
      { provide: WorkspaceAdminApi, useValue: { queues: queues.fn } },
    ],
  });
  const fixture = TestBed.createComponent(ConnectorNewComponent);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const render = () => fixture.whenStable();
  const input = (selector: string, value: string) => {
    const node = el.querySelector<HTMLInputElement | HTMLSelectElement>(selector) as HTMLInputElement;
    node.value = value;
    node.dispatchEvent(new Event(node.tagName === 'SELECT' ? 'change' : 'input'));
  };
  const submit = () => (el.querySelector('button[type="submit"]') as HTMLButtonElement).click();
  return { el, providers, queues, create, render, input, submit };
}

describe('ConnectorNewComponent', () => {
  it('should generate the chosen provider’s fields and put the server’s messages beside them', async () => {
    const { el, providers, queues, create, render, input, submit } = await setup();
    expect(el.querySelector('[aria-label="Loading the providers"]')).not.toBeNull();
    await providers.respond(CATALOG);
    await queues.respond([{ id: 'q1', name: 'Support', archived: false, memberIds: [], teamIds: [], effectiveMemberIds: [] }]);
    await render();
    expect([...el.querySelectorAll('label')].map((l) => l.textContent?.replace('*', '').trim())).toEqual(['Name', 'Provider', 'Queue']);

    input('#connector-name', 'Twilio line');
    input('#connector-provider', 'twilio');
    await render();
    expect(el.querySelector('#connector-field-config-accountSid')).not.toBeNull();
    expect(el.querySelector<HTMLInputElement>('#connector-field-secrets-authToken')?.type).toBe('password');
    input('#connector-field-config-accountSid', 'AC123');
    input('#connector-queue', 'q1');
    submit();
    expect(create.last.args).toEqual([{ name: 'Twilio line', kind: 'phone', provider: 'twilio', queueId: 'q1', config: { accountSid: 'AC123' }, secrets: {} }]);
    await create.fail(400, 0, {
      statusCode: 400,
      error: 'Bad Request',
      message: ['config.accountSid: must be a Twilio Account SID', 'secrets.authToken: is required'],
    });
    await render();
    expect(el.querySelector('#connector-field-config-accountSid-error')?.textContent).toBe('must be a Twilio Account SID');
    expect(el.querySelector('#connector-field-secrets-authToken-error')?.textContent).toBe('is required');
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });

  it('should show what to paste where once created, the secret among it', async () => {
    const { el, providers, queues, create, render, input, submit } = await setup();
    await providers.respond(CATALOG);
    await queues.respond([]);
    await render();
    input('#connector-name', 'Shop');
    input('#connector-provider', 'generic');
    await render();
    submit();
    expect(create.last.args[0]).toMatchObject({ provider: 'generic', kind: 'generic', config: {}, secrets: {} });
    await create.respond({
      id: 'c1',
      name: 'Shop',
      kind: 'generic',
      provider: 'generic',
      queueId: null,
      config: {},
      secretNames: ['signingSecret'],
      enabled: true,
      health: 'unknown',
      lastEventAt: null,
      lastError: null,
      webhookUrls: { generic: 'https://support.example/api/hooks/c1/generic' },
      previousSecretValidUntil: null,
      createdAt: new Date(NOW).toISOString(),
      signingSecret: 'the-secret',
    });
    await render();
    expect(el.querySelector('h1')?.textContent).toContain('Shop is connected');
    expect(el.querySelector('[aria-label="Webhook URL"]')?.textContent).toBe('https://support.example/api/hooks/c1/generic');
    expect(el.querySelector('[aria-label="Signing secret"]')?.textContent).toBe('the-secret');
  });

  it('should say when the providers cannot be loaded', async () => {
    const { el, providers, render } = await setup();
    await providers.fail(403, 0, { statusCode: 403, error: 'Forbidden', message: 'admins only' });
    await render();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('admins only');
  });
});
