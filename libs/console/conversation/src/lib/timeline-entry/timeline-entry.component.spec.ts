import { TestBed } from '@angular/core/testing';
import { entry, NOW } from '@throughline/console/data-access/testing';
import type { MessageView } from '@throughline/domain';
import { type OtherConversationRef, TimelineEntryComponent } from './timeline-entry.component';

async function render(message: MessageView, other: OtherConversationRef | null = null) {
  const fixture = TestBed.createComponent(TimelineEntryComponent);
  fixture.componentRef.setInput('message', message);
  fixture.componentRef.setInput('now', NOW);
  fixture.componentRef.setInput('otherConversation', other);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const click = async (selector: string) => {
    el.querySelector<HTMLElement>(selector)?.click();
    await fixture.whenStable();
  };
  return { fixture, el, click };
}

describe('TimelineEntryComponent', () => {
  it('should show the new part of an email and the quote on demand', async () => {
    const { el, click } = await render(
      entry('e1', 5, {
        subject: 'Re: Order 1234',
        authorName: 'Ana Silva',
        text: 'It is still broken.\n\nOn Monday you wrote:\n> Try again',
        strippedText: 'It is still broken.',
        metadata: { email: { from: [{ name: 'Ana Silva', address: 'ana@example.com' }], to: [{ address: 'support@shop.example' }] } },
      }),
    );
    expect(el.querySelector('.subject')?.textContent).toBe('Re: Order 1234');
    expect(el.querySelector('.addresses')?.textContent).toContain('From Ana Silva <ana@example.com>');
    expect(el.querySelector('.addresses')?.textContent).toContain('To support@shop.example');
    expect(el.querySelector('.text')?.textContent).toBe('It is still broken.');
    const toggle = el.querySelector('.quote-toggle');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');

    await click('.quote-toggle');
    expect(el.querySelector('.text')?.textContent).toContain('> Try again');
    expect(el.querySelector('.quote-toggle')?.textContent?.trim()).toBe('Hide quoted text');

    await click('.quote-toggle');
    expect(el.querySelector('.text')?.textContent).toBe('It is still broken.');
  });

  it('should offer no quote toggle when nothing is hidden', async () => {
    const { el } = await render(entry('e1', 5, { text: 'Hello', strippedText: 'Hello' }));
    expect(el.querySelector('.quote-toggle')).toBeNull();
  });

  it('should show a call with outcome, duration, recording and transcript', async () => {
    const { el, click } = await render(
      entry('call', 5, {
        channel: 'phone',
        text: 'Call',
        metadata: {
          call: {
            direction: 'inbound',
            from: '+32470000000',
            to: '+3220000000',
            outcome: 'answered',
            durationSeconds: 245,
            recordingUrl: 'https://recordings.example/r1.mp3',
            transcript: 'Hello, my parcel…',
            agent: 'Alex',
          },
        },
      }),
    );
    expect(el.querySelector('.outcome')?.textContent).toBe('Answered');
    expect(el.querySelector('.call')?.textContent).toContain('Incoming call · +32470000000 → +3220000000');
    expect(el.querySelector('.call')?.textContent).toContain('4 min 05 s');
    expect(el.querySelector('.call')?.textContent).toContain('Alex');
    expect(el.querySelector<HTMLAnchorElement>('a.link')?.href).toBe('https://recordings.example/r1.mp3');
    expect(el.querySelector('.transcript')).toBeNull();

    await click('.toggle');
    expect(el.querySelector('.transcript')?.textContent).toBe('Hello, my parcel…');
  });

  it('should say a missed call waits for a call back, with no recording link for an unsafe URL', async () => {
    const { el } = await render(
      entry('call', 5, { channel: 'phone', metadata: { call: { outcome: 'missed', recordingUrl: 'javascript:alert(1)', callbackRequested: true } } }),
    );
    expect(el.querySelector('.outcome')?.textContent).toBe('Missed');
    expect(el.querySelector('.callback')?.textContent).toContain('call back');
    expect(el.querySelector('a')).toBeNull();
  });

  it('should link a mention to its post', async () => {
    const { el } = await render(
      entry('s1', 5, {
        channel: 'social',
        text: '@shop my order?',
        metadata: { social: { platform: 'X', postUrl: 'https://x.com/ana/status/9', handle: 'ana', displayName: 'Ana' } },
      }),
    );
    expect(el.querySelector('.mention')?.textContent).toContain('Ana @ana on X');
    const link = el.querySelector<HTMLAnchorElement>('.mention a');
    expect(link?.href).toBe('https://x.com/ana/status/9');
    expect(link?.rel).toBe('noopener noreferrer');
  });

  it('should look like a note for an internal note', async () => {
    const { el, fixture } = await render(entry('n1', 5, { direction: 'note', authorName: 'Alex', text: 'Courier called' }));
    expect(el.querySelector('.note-tag')?.textContent).toBe('Internal note');
    expect(el.querySelector('article')?.getAttribute('aria-label')).toBe('Internal note by Alex');
    expect((fixture.nativeElement as HTMLElement).getAttribute('data-direction')).toBe('note');
  });

  it('should show a system entry as a quiet line', async () => {
    const { el } = await render(entry('sys', 5, { direction: 'system', text: 'Alex assigned the conversation to Sam' }));
    expect(el.querySelector('article')).toBeNull();
    expect(el.querySelector('.system')?.textContent).toContain('Alex assigned the conversation to Sam');
  });

  it('should show a failed delivery with a Retry that emits the message', async () => {
    const failed = entry('r1', 5, { direction: 'outbound', deliveryStatus: 'failed', deliveryError: 'Mailbox full' });
    const { el, fixture } = await render(failed);
    const retried: MessageView[] = [];
    fixture.componentInstance.retry.subscribe((m) => retried.push(m));

    expect(el.querySelector('[role=alert]')?.textContent).toBe('Not delivered: Mailbox full');
    el.querySelector<HTMLButtonElement>('button.retry')?.click();
    expect(retried).toEqual([failed]);
  });

  it('should warn that a reply of unknown outcome may be posted, and offer Send again rather than Retry', async () => {
    const unknown = entry('r2', 5, { direction: 'outbound', deliveryStatus: 'unknown', deliveryError: 'X timed out' });
    const { el, fixture } = await render(unknown);
    const retried: MessageView[] = [];
    fixture.componentInstance.retry.subscribe((m) => retried.push(m));

    expect(el.querySelector('[role=alert]')?.textContent).toBe('Not confirmed: it may already be posted (X timed out). Check the platform first.');
    const button = el.querySelector<HTMLButtonElement>('button.retry');
    expect(button?.textContent).toBe('Send again');
    button?.click();
    expect(retried).toEqual([unknown]);
  });

  it('should name the earlier conversation an entry belongs to and open it', async () => {
    const { el, fixture } = await render(entry('o1', 5), { id: 'c0', label: '#0C0 · Old order' });
    const opened: string[] = [];
    fixture.componentInstance.openConversation.subscribe((id) => opened.push(id));
    expect((fixture.nativeElement as HTMLElement).classList).toContain('other');
    el.querySelector<HTMLButtonElement>('.origin')?.click();
    expect(el.querySelector('.origin')?.textContent).toContain('#0C0 · Old order');
    expect(opened).toEqual(['c0']);
  });
});
