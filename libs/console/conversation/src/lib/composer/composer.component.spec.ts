import { TestBed } from '@angular/core/testing';
import type { CannedResponseView, ReplyChannelView } from '@throughline/domain';
import { type ComposerSubmit, ComposerComponent } from './composer.component';

const CHANNELS: ReplyChannelView[] = [
  { channel: 'email', connectorId: 'k-mail', to: 'ana@example.com', default: false },
  { channel: 'chat', connectorId: 'k-chat', to: null, default: true },
];

async function setup(replyChannels: ReplyChannelView[] = []) {
  const fixture = TestBed.createComponent(ComposerComponent);
  fixture.componentRef.setInput('fallbackChannel', 'phone');
  fixture.componentRef.setInput('replyChannels', replyChannels);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const sent: ComposerSubmit[] = [];
  fixture.componentInstance.send.subscribe((s) => sent.push(s));
  const box = () => el.querySelector('textarea') as HTMLTextAreaElement;
  const type = async (text: string) => {
    box().value = text;
    box().dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const keydown = async (init: KeyboardEventInit) => {
    box().dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
    await fixture.whenStable();
  };
  return { fixture, el, sent, box, type, keydown };
}

const canned = (shortcut: string, title: string, text: string): CannedResponseView => ({
  id: shortcut,
  shortcut,
  title,
  text,
  shared: true,
  ownerId: null,
  editable: false,
  updatedAt: '2026-12-01T00:00:00.000Z',
});

describe('ComposerComponent', () => {
  it('should open the canned responses on /, choose with the arrows and insert the filled-in text with Enter', async () => {
    const { fixture, el, type, keydown, box, sent } = await setup();
    fixture.componentRef.setInput('cannedResponses', [
      canned('refund', 'Refund policy', 'Hi {{customer.firstName}}, refunds take 5 days. {{agent.name}}'),
      canned('thanks', 'Thanks', 'Thank you!'),
    ]);
    fixture.componentRef.setInput('cannedContext', { customer: { name: 'Ana Bell' }, agent: { name: 'Ada Lovelace' }, conversationRef: '4F2K' });
    await type('Hello /');
    const options = () => [...el.querySelectorAll('[role="option"]')];
    expect(options().map((o) => o.textContent)).toEqual([expect.stringContaining('/refund'), expect.stringContaining('/thanks')]);
    await keydown({ key: 'ArrowDown' });
    await keydown({ key: 'ArrowDown' });
    expect(options()[0].getAttribute('aria-selected')).toBe('true');

    await type('Hello /re');
    expect(options()).toHaveLength(1);
    await keydown({ key: 'Enter' });
    expect(box().value).toBe('Hello Hi Ana, refunds take 5 days. Ada Lovelace');
    expect(el.querySelector('[role="listbox"]')).toBeNull();
    expect(sent).toEqual([]);
  });

  it('should close the list on Escape and keep the typed text', async () => {
    const { fixture, el, type, keydown, box } = await setup();
    fixture.componentRef.setInput('cannedResponses', [canned('thanks', 'Thanks', 'Thank you!')]);
    await type('/th');
    await keydown({ key: 'Escape' });
    expect(el.querySelector('[role="listbox"]')).toBeNull();
    expect(box().value).toBe('/th');
  });

  it('should send a reply with Ctrl+Enter (or ⌘+Enter), and not with Enter alone', async () => {
    const { sent, type, keydown, box } = await setup();
    await type('  Hello Ana  ');
    await keydown({ key: 'Enter' });
    expect(sent).toEqual([]);

    await keydown({ key: 'Enter', ctrlKey: true });
    expect(sent).toEqual([{ text: 'Hello Ana', note: false, channel: undefined }]);
    expect(box().value).toBe('');

    await type('Again');
    await keydown({ key: 'Enter', metaKey: true });
    expect(sent).toHaveLength(2);
  });

  it('should send nothing blank and disable the button', async () => {
    const { sent, type, keydown, el } = await setup();
    await type('   ');
    await keydown({ key: 'Enter', ctrlKey: true });
    expect(sent).toEqual([]);
    expect(el.querySelector<HTMLButtonElement>('button.send')?.disabled).toBe(true);
  });

  it('should write an internal note in note mode, without a channel', async () => {
    const { fixture, el, sent, type } = await setup(CHANNELS);
    fixture.componentInstance.focus('note');
    await fixture.whenStable();
    expect(el.querySelector('form')?.getAttribute('data-mode')).toBe('note');
    expect(el.querySelector('select')).toBeNull();
    expect(el.querySelector('button.send')?.textContent?.trim()).toBe('Add note');

    await type('Courier called');
    el.querySelector<HTMLButtonElement>('button.send')?.click();
    expect(sent).toEqual([{ text: 'Courier called', note: true, channel: undefined }]);
  });

  it('should reply on the default reply channel, shown selected, and on another when picked', async () => {
    const { el, sent, type, keydown, fixture } = await setup(CHANNELS);
    const select = el.querySelector('select') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Email · ana@example.com', 'Chat']);
    expect(select.value).toBe('chat');

    await type('On its way');
    await keydown({ key: 'Enter', ctrlKey: true });
    expect(sent[0].channel).toBe('chat');

    select.value = 'email';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    await type('Invoice attached');
    await keydown({ key: 'Enter', ctrlKey: true });
    expect(sent[1].channel).toBe('email');
  });

  it('should name the conversation’s channel when there is nothing to pick', async () => {
    const { el } = await setup([]);
    expect(el.querySelector('select')).toBeNull();
    expect(el.querySelector('.via')?.textContent).toBe('via Phone');
  });

  it('should insert text at the cursor with a space, back in reply mode', async () => {
    const { fixture, box, type } = await setup();
    fixture.componentInstance.focus('note');
    await type('Hello,thanks');
    box().setSelectionRange(6, 6);
    fixture.componentInstance.insert('I understand.');
    await fixture.whenStable();
    expect(box().value).toBe('Hello, I understand.thanks');
    expect((fixture.nativeElement as HTMLElement).querySelector('form')?.getAttribute('data-mode')).toBe('reply');
  });

  it('should tell the page that the agent is typing', async () => {
    const { fixture, type } = await setup();
    const typing = jest.fn();
    fixture.componentInstance.typing.subscribe(typing);
    await type('H');
    await type('He');
    expect(typing).toHaveBeenCalledTimes(2);
  });
});
