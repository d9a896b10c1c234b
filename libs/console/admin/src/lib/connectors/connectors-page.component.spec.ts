import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ConnectorsApi } from '@throughline/console/data-access';
import { NOW, PendingCalls } from '@throughline/console/data-access/testing';
import type { ConnectorView } from '@throughline/domain';
import { ConnectorsPageComponent } from './connectors-page.component';

const connector = (id: string, overrides: Partial<ConnectorView>): ConnectorView => ({
  id,
  name: `Connector ${id}`,
  kind: 'generic',
  provider: 'generic',
  queueId: null,
  config: {},
  secretNames: ['signingSecret'],
  enabled: true,
  health: 'unknown',
  lastEventAt: null,
  lastError: null,
  webhookUrls: {},
  previousSecretValidUntil: null,
  createdAt: new Date(NOW).toISOString(),
  ...overrides,
});

async function setup() {
  const list = new PendingCalls<[], ConnectorView[]>();
  TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: ConnectorsApi, useValue: { list: list.fn } }] });
  const fixture = TestBed.createComponent(ConnectorsPageComponent);
  await fixture.whenStable();
  return { el: fixture.nativeElement as HTMLElement, list, render: () => fixture.whenStable() };
}

describe('ConnectorsPageComponent', () => {
  it('should list each connector with provider, on/off, health, last event and last error', async () => {
    const { el, list, render } = await setup();
    expect(el.querySelector('[aria-label="Loading connectors"]')).not.toBeNull();
    await list.respond([
      connector('a', {
        name: 'Website contact form',
        health: 'failing',
        lastError: 'invalid payload: text: Too small',
        lastEventAt: new Date(NOW).toISOString(),
      }),
      connector('b', { name: 'Support mailbox', kind: 'email', provider: 'imap', health: 'ok', enabled: false }),
    ]);
    await render();
    const rows = [...el.querySelectorAll('table[aria-label="Connectors"] tbody tr')].map((r) =>
      [...r.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim()),
    );
    expect(rows[0]).toEqual(['Website contact form', 'GenericGeneric webhook', 'On', 'Failing', expect.any(String), 'invalid payload: text: Too small']);
    expect(rows[1]).toEqual(['Support mailbox', 'EmailIMAP mailbox', 'Off', 'Healthy', 'Never', '–']);
    expect(el.querySelector('tbody a')?.getAttribute('href')).toBe('/a');
  });

  it('should say when there are none, and offer a retry when the list fails', async () => {
    const { el, list, render } = await setup();
    await list.fail(403, 0, { statusCode: 403, error: 'Forbidden', message: 'admins only' });
    await render();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('admins only');
    el.querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    await list.respond([]);
    await render();
    expect(el.textContent).toContain('No connectors yet');
  });
});
