import { type CannedResponseContext, renderCannedResponse, unknownPlaceholders } from './canned-response-template';

const full: CannedResponseContext = { customer: { name: 'Maria  del Carmen Ruiz' }, agent: { name: 'Ada Lovelace' }, conversationRef: '4F2K' };

describe('renderCannedResponse', () => {
  it('fills every known placeholder', () => {
    const text = 'Hi {{customer.firstName}} ({{customer.name}}), {{agent.firstName}} here — {{agent.name}} — about {{conversation.ref}}.';
    expect(renderCannedResponse(text, full)).toBe('Hi Maria (Maria  del Carmen Ruiz), Ada here — Ada Lovelace — about #4F2K.');
  });

  it('reads placeholders written with spaces inside the braces', () => {
    expect(renderCannedResponse('Hi {{ customer.firstName }}!', full)).toBe('Hi Maria!');
  });

  it('leaves out a missing value with the space before it', () => {
    const context: CannedResponseContext = { customer: { name: null }, agent: { name: 'Ada' }, conversationRef: null };
    expect(renderCannedResponse('Hi {{customer.firstName}}, your case {{conversation.ref}} is closed.', context)).toBe('Hi, your case is closed.');
  });

  it('treats a blank name as missing, and no customer at all likewise', () => {
    expect(renderCannedResponse('Hello {{customer.name}}!', { ...full, customer: { name: '   ' } })).toBe('Hello!');
    expect(renderCannedResponse('Hello {{customer.firstName}}!', { ...full, customer: null })).toBe('Hello!');
  });

  it('keeps an unknown placeholder visible', () => {
    expect(renderCannedResponse('Order {{order.number}} for {{customer.firstName}}', full)).toBe('Order {{order.number}} for Maria');
  });

  it('keeps line breaks around placeholders', () => {
    expect(renderCannedResponse('Thanks,\n{{agent.name}}', full)).toBe('Thanks,\nAda Lovelace');
  });

  it('does not treat a filled value as a template', () => {
    expect(renderCannedResponse('Hi {{customer.name}}', { ...full, customer: { name: '{{agent.name}}' } })).toBe('Hi {{agent.name}}');
  });
});

describe('unknownPlaceholders', () => {
  it('names each unknown placeholder once, in order', () => {
    expect(unknownPlaceholders('{{order.id}} {{customer.name}} {{ Customer.Name }} {{order.id}}')).toEqual(['order.id', 'Customer.Name']);
  });

  it('is empty for text with known placeholders only or none', () => {
    expect(unknownPlaceholders('Hi {{customer.firstName}}, {{agent.name}} {{conversation.ref}}')).toEqual([]);
    expect(unknownPlaceholders('Plain text with {single} braces')).toEqual([]);
  });

  it('reports an empty placeholder', () => {
    expect(unknownPlaceholders('Hi {{}}')).toEqual(['']);
  });
});
