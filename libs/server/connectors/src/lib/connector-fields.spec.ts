import { PROVIDERS } from './connector-providers';
import { connectorProviderViews, PROVIDER_TEXTS } from './connector-fields';

describe('connectorProviderViews', () => {
  const views = connectorProviderViews();
  const byProvider = Object.fromEntries(views.map((v) => [v.provider, v]));

  it('should describe every provider the server runs, with its kind', () => {
    expect(views.map((v) => v.provider).sort()).toEqual(Object.keys(PROVIDERS).sort());
    expect(byProvider['imap'].kind).toBe('email');
    expect(byProvider['twilio'].kind).toBe('phone');
    expect(byProvider['widget'].kind).toBe('chat');
  });

  it('should label only fields that exist, so labels cannot outlive a renamed setting', () => {
    for (const view of views) {
      expect(Object.keys(PROVIDER_TEXTS[view.provider].fields).sort()).toEqual(view.fields.map((f) => f.name).sort());
    }
  });

  it('should take types, requiredness, defaults and choices from the validation schema', () => {
    const imap = Object.fromEntries(byProvider['imap'].fields.map((f) => [f.name, f]));
    expect(imap['address']).toMatchObject({ type: 'email', required: true, secret: false, group: null });
    expect(imap['port']).toMatchObject({ type: 'number', required: false, default: 993 });
    expect(imap['afterProcessing']).toMatchObject({ type: 'choice', options: ['seen', 'move', 'none'], default: 'seen' });
    expect(imap['saveSentCopy']).toMatchObject({ type: 'boolean', default: true });
    // The outgoing server is optional as a whole; its host is required once any of it is given.
    expect(imap['smtp.host']).toMatchObject({ required: true, group: 'smtp' });
    expect(imap['password']).toMatchObject({ secret: true, required: true });
    expect(imap['smtpPassword']).toMatchObject({ secret: true, required: false });
    expect(byProvider['generic'].fields).toEqual([expect.objectContaining({ name: 'callbackUrl', type: 'url', required: false })]);
    expect(byProvider['calllog'].fields.find((f) => f.name === 'outboundContexts')).toMatchObject({ type: 'list' });
  });

  it('should leave out what the server generates, and say which secret it generates', () => {
    expect(byProvider['widget'].fields.map((f) => f.name)).not.toContain('connectorKey');
    expect(byProvider['widget'].generatedSecret).toBe('identitySecret');
    expect(byProvider['generic'].generatedSecret).toBe('signingSecret');
    expect(byProvider['twilio'].generatedSecret).toBeNull();
    expect(byProvider['generic'].webhookPaths).toEqual(['generic']);
  });
});
