import { TestBed } from '@angular/core/testing';
import { AttachmentsService } from '@throughline/console/data-access';
import { entry, settle } from '@throughline/console/data-access/testing';
import type { AttachmentView, MessageView } from '@throughline/domain';
import { EmailBodyComponent } from './email-body.component';

function attachment(id: string, overrides: Partial<AttachmentView> = {}): AttachmentView {
  return { id, filename: `${id}.pdf`, contentType: 'application/pdf', size: 2048, url: `/api/attachments/${id}`, inline: false, contentId: null, ...overrides };
}

const LOGO = attachment('logo', { filename: 'logo.png', contentType: 'image/png', inline: true, contentId: '<logo@mail>' });
/** Inline by its headers, but the HTML never shows it: still a file to download. */
const STRAY_INLINE = attachment('sig', { filename: 'signature.png', contentType: 'image/png', size: 300, inline: true, contentId: '<sig@mail>' });
const INVOICE = attachment('invoice', { filename: 'invoice.pdf', size: 3 * 1024 * 1024 });
const HTML = '<p>See the <b>invoice</b></p><img src="cid:logo@mail"><img data-remote-src="https://tracker.example/p.gif">';

/** A promise the spec settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

async function setup(message: MessageView) {
  const renders: Array<{ args: [string, readonly AttachmentView[], boolean]; result: ReturnType<typeof deferred<string>> }> = [];
  const attachments = {
    renderableHtml: jest.fn((...args: [string, readonly AttachmentView[], boolean]) => {
      const result = deferred<string>();
      renders.push({ args, result });
      return result.promise;
    }),
    download: jest.fn((): Promise<void> => Promise.resolve()),
  };
  TestBed.configureTestingModule({ providers: [{ provide: AttachmentsService, useValue: attachments }] });
  const fixture = TestBed.createComponent(EmailBodyComponent);
  fixture.componentRef.setInput('message', message);
  const flush = async () => {
    await settle();
    await fixture.whenStable();
  };
  await flush();
  const el = fixture.nativeElement as HTMLElement;
  const button = (text: string) => [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text) ?? null;
  return { fixture, el, attachments, renders, flush, button };
}

const email = (overrides: Partial<MessageView>) => entry('m1', 5, { conversationId: 'c1', ...overrides });

describe('EmailBodyComponent', () => {
  it('should list the attachments with their sizes, except inline images the HTML shows', async () => {
    const { el } = await setup(email({ html: HTML, attachments: [LOGO, STRAY_INLINE, INVOICE] }));
    const files = [...el.querySelectorAll('.files li')].map((li) => [li.querySelector('.name')?.textContent, li.querySelector('.size')?.textContent]);
    expect(files).toEqual([
      ['signature.png', '300 B'],
      ['invoice.pdf', '3.0 MB'],
    ]);
  });

  it('should show neither the toggle nor a list for a plain email without attachments', async () => {
    const { el } = await setup(email({ html: null, attachments: [] }));
    expect(el.querySelector('button')).toBeNull();
    expect(el.querySelector('.files')).toBeNull();
  });

  it('should list every attachment of a plain-text email, inline ones included', async () => {
    const { el } = await setup(email({ html: null, attachments: [LOGO, INVOICE] }));
    expect([...el.querySelectorAll('.files .name')].map((n) => n.textContent)).toEqual(['logo.png', 'invoice.pdf']);
  });

  it('should render the formatted email only on demand, in a sandbox, without remote images', async () => {
    const { el, renders, flush, button } = await setup(email({ html: HTML, attachments: [LOGO, INVOICE] }));
    expect(el.querySelector('iframe')).toBeNull();
    expect(renders).toHaveLength(0);
    expect(button('Load remote images')).toBeNull();

    button('Show formatted email')?.click();
    await flush();
    expect(renders.map((r) => r.args)).toEqual([[HTML, [LOGO, INVOICE], false]]);
    expect(el.querySelector('.muted')?.textContent).toBe('Preparing the formatted email…');
    expect(button('Hide formatted email')?.getAttribute('aria-expanded')).toBe('true');

    renders[0].result.resolve('<p>See the <b>invoice</b></p><img src="blob:1">');
    await flush();
    const frame = el.querySelector('iframe');
    expect(frame?.getAttribute('sandbox')).toBe('allow-same-origin allow-popups');
    expect(frame?.srcdoc).toContain('<base target="_blank">');
    // The frame's own policy comes first, before any of the email: no script, no remote image.
    expect(frame?.srcdoc).toMatch(
      /^<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'none'; [^"]*img-src blob: data:;/,
    );
    expect(frame?.srcdoc).toContain('<p>See the <b>invoice</b></p><img src="blob:1">');

    button('Hide formatted email')?.click();
    await flush();
    expect(el.querySelector('iframe')).toBeNull();
    button('Show formatted email')?.click();
    await flush();
    // Shown again from what was already rendered.
    expect(renders).toHaveLength(1);
    expect(el.querySelector('iframe')?.srcdoc).toContain('<img src="blob:1">');
  });

  it('should load remote images when the agent asks, and then stop offering it', async () => {
    const { el, renders, flush, button } = await setup(email({ html: HTML, attachments: [LOGO] }));
    button('Show formatted email')?.click();
    await flush();
    renders[0].result.resolve('without remote');
    await flush();

    button('Load remote images')?.click();
    await flush();
    expect(renders[1].args[2]).toBe(true);
    expect(button('Load remote images')).toBeNull();
    renders[1].result.resolve('<img src="https://tracker.example/p.gif">');
    await flush();
    expect(el.querySelector('iframe')?.srcdoc).toContain('<img src="https://tracker.example/p.gif">');
    expect(el.querySelector('iframe')?.srcdoc).toContain('img-src blob: data: https:;');
  });

  it('should not offer remote images for an email that has none', async () => {
    const { flush, button } = await setup(email({ html: '<p>Hello</p>', attachments: [] }));
    button('Show formatted email')?.click();
    await flush();
    expect(button('Load remote images')).toBeNull();
  });

  it('should say so when the images of the email cannot be loaded', async () => {
    const { el, renders, flush, button } = await setup(email({ html: HTML, attachments: [LOGO] }));
    button('Show formatted email')?.click();
    await flush();
    renders[0].result.reject(new Error('403'));
    await flush();
    expect(el.querySelector('[role=alert]')?.textContent).toBe('Could not load the images of this email.');
    expect(el.querySelector('iframe')).toBeNull();
  });

  it('should download an attachment, and say which one failed', async () => {
    const { el, attachments, flush } = await setup(email({ html: null, attachments: [INVOICE] }));
    const download = el.querySelector<HTMLButtonElement>('button[aria-label="Download invoice.pdf"]');
    download?.click();
    await flush();
    expect(attachments.download).toHaveBeenCalledWith(INVOICE);
    expect(el.querySelector('[role=alert]')).toBeNull();

    attachments.download.mockReturnValueOnce(Promise.reject(new Error('404')));
    download?.click();
    await flush();
    expect(el.querySelector('[role=alert]')?.textContent).toBe('Could not download invoice.pdf. Try again.');

    // A later successful download clears the message.
    download?.click();
    await flush();
    expect(el.querySelector('[role=alert]')).toBeNull();
  });
});
