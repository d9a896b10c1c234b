import type { ConnectorView } from '@throughline/domain';
import { setupGuideOf } from './connector-setup';

const connector = (overrides: Partial<ConnectorView>): ConnectorView => ({
  id: 'c1',
  name: 'C',
  kind: 'generic',
  provider: 'generic',
  queueId: null,
  config: {},
  secretNames: [],
  enabled: true,
  health: 'unknown',
  lastEventAt: null,
  lastError: null,
  webhookUrls: {},
  previousSecretValidUntil: null,
  createdAt: '2026-01-01T00:00:00Z',
  ...overrides,
});

describe('setupGuideOf', () => {
  const publicUrl = 'https://support.example';

  it('should give a generic connector its webhook URL and, only when in hand, its signing secret', () => {
    const generic = connector({ webhookUrls: { generic: `${publicUrl}/api/hooks/c1/generic` } });
    const shown = setupGuideOf(generic, publicUrl, { name: 'signingSecret', value: 's3cret' });
    expect(shown.items.map((i) => [i.label, i.value.split('\n')[0]])).toEqual([
      ['Webhook URL', `${publicUrl}/api/hooks/c1/generic`],
      ['Signing secret', 's3cret'],
      ['Example', expect.stringContaining("body='")],
    ]);
    expect(shown.items.find((i) => i.secret)?.value).toBe('s3cret');
    expect(setupGuideOf(generic, publicUrl, null).items.some((i) => i.secret)).toBe(false);
  });

  it('should give the widget its script tag with the public key, and the identity HMAC example', () => {
    const widget = connector({ kind: 'chat', provider: 'widget', config: { connectorKey: 'tlw_abc', allowedOrigins: ['https://shop.example'] } });
    const guide = setupGuideOf(widget, publicUrl, { name: 'identitySecret', value: 'id-secret' });
    expect(guide.items[0].value).toBe('<script src="https://support.example/widget.js" data-connector-key="tlw_abc" async></script>');
    expect(guide.items.find((i) => i.label === 'Identity secret')?.value).toBe('id-secret');
    expect(guide.items.find((i) => i.label.startsWith('Identity HMAC'))?.value).toContain("createHmac('sha256', process.env.THROUGHLINE_IDENTITY_SECRET)");
  });

  it('should give Twilio and Meta the values their consoles ask for', () => {
    const twilio = setupGuideOf(connector({ kind: 'phone', provider: 'twilio', webhookUrls: { twilio: 'https://t' } }), publicUrl, null);
    expect(twilio.items.map((i) => i.value)).toEqual(['https://t', 'initiated ringing answered completed']);
    const meta = setupGuideOf(
      connector({ kind: 'social', provider: 'meta', config: { verifyToken: 'verify-me' }, webhookUrls: { meta: 'https://m' } }),
      publicUrl,
      null,
    );
    expect(meta.items.map((i) => [i.label, i.value])).toEqual([
      ['Callback URL', 'https://m'],
      ['Verify token', 'verify-me'],
    ]);
  });

  it('should say there is nothing to paste for polled connectors', () => {
    expect(setupGuideOf(connector({ kind: 'email', provider: 'imap' }), publicUrl, null)).toEqual({
      items: [],
      notes: [expect.stringContaining('Nothing to paste')],
    });
  });
});
