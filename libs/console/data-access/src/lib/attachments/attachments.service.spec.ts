import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { createEnvironmentInjector, EnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { AttachmentView } from '@throughline/domain';
import { settle } from '../../testing/pending-calls';
import { AttachmentsService } from './attachments.service';

function attachment(id: string, overrides: Partial<AttachmentView> = {}): AttachmentView {
  return { id, filename: `${id}.png`, contentType: 'image/png', size: 1024, url: `/api/attachments/${id}`, inline: false, contentId: null, ...overrides };
}

const LOGO = attachment('logo', { inline: true, contentId: '<logo@mail>' });
const INVOICE = attachment('invoice', { filename: 'invoice.pdf', contentType: 'application/pdf' });

describe('AttachmentsService', () => {
  let http: HttpTestingController;
  let service: AttachmentsService;
  let created: Blob[];
  let revoked: string[];
  /** The injector that owns the service, destroyed like the view that provides it. */
  let owner: EnvironmentInjector;

  beforeEach(() => {
    created = [];
    revoked = [];
    // jsdom has no object URLs; number them in creation order.
    URL.createObjectURL = jest.fn((blob: Blob) => `blob:test/${created.push(blob)}`);
    URL.revokeObjectURL = jest.fn((url: string) => void revoked.push(url));
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    owner = createEnvironmentInjector([AttachmentsService], TestBed.inject(EnvironmentInjector));
    service = owner.get(AttachmentsService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('should fetch an attachment once as a blob and hand out the same object URL', async () => {
    const first = service.objectUrl(INVOICE);
    const second = service.objectUrl(INVOICE);
    const request = http.expectOne('/api/attachments/invoice');
    expect(request.request.responseType).toBe('blob');
    request.flush(new Blob(['%PDF']));

    await expect(first).resolves.toBe('blob:test/1');
    await expect(second).resolves.toBe('blob:test/1');
    await expect(service.objectUrl(INVOICE)).resolves.toBe('blob:test/1');
    expect(created).toHaveLength(1);
  });

  it('should fetch again after a failed fetch instead of keeping the failure', async () => {
    const failed = service.objectUrl(INVOICE);
    http.expectOne('/api/attachments/invoice').flush(null, { status: 500, statusText: 'Server Error' });
    await expect(failed).rejects.toBeTruthy();

    const again = service.objectUrl(INVOICE);
    http.expectOne('/api/attachments/invoice').flush(new Blob(['%PDF']));
    await expect(again).resolves.toBe('blob:test/1');
  });

  it('should revoke every object URL when its owner is destroyed', async () => {
    const urls = [service.objectUrl(INVOICE), service.objectUrl(LOGO)];
    http.expectOne('/api/attachments/invoice').flush(new Blob(['a']));
    http.expectOne('/api/attachments/logo').flush(new Blob(['b']));
    await Promise.all(urls);

    owner.destroy();
    await settle();
    expect(revoked.sort()).toEqual(['blob:test/1', 'blob:test/2']);
  });

  it('should save an attachment under its own file name through a temporary link', async () => {
    const clicks: Array<{ href: string; download: string }> = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ href: this.href, download: this.download });
    });
    const saving = service.download(INVOICE);
    http.expectOne('/api/attachments/invoice').flush(new Blob(['%PDF']));
    await saving;

    expect(clicks).toEqual([{ href: 'blob:test/1', download: 'invoice.pdf' }]);
    expect(document.querySelector('a[download]')).toBeNull();
    click.mockRestore();
  });

  it('should fail a download the server refuses', async () => {
    const saving = service.download(INVOICE);
    http.expectOne('/api/attachments/invoice').flush(null, { status: 404, statusText: 'Not Found' });
    await expect(saving).rejects.toBeTruthy();
  });

  describe('renderableHtml', () => {
    const HTML = '<p>Hi</p><img src="cid:logo@mail" alt="logo"><img src="cid:logo@mail"><img data-remote-src="https://tracker.example/p.gif">';

    it('should point cid: images at their inline attachment and keep remote images held back', async () => {
      const rendering = service.renderableHtml(HTML, [INVOICE, LOGO], false);
      await settle();
      // Only the attachment the HTML refers to is fetched.
      http.expectOne('/api/attachments/logo').flush(new Blob(['png']));

      await expect(rendering).resolves.toBe(
        '<p>Hi</p><img src="blob:test/1" alt="logo"><img src="blob:test/1"><img data-remote-src="https://tracker.example/p.gif">',
      );
    });

    it('should restore remote images only when asked', async () => {
      await expect(service.renderableHtml('<img data-remote-src="https://cdn.example/a.png">', [], true)).resolves.toBe(
        '<img src="https://cdn.example/a.png">',
      );
      await expect(service.renderableHtml('<img data-remote-src="https://cdn.example/a.png">', [], false)).resolves.toBe(
        '<img data-remote-src="https://cdn.example/a.png">',
      );
    });

    it('should match a content id given without angle brackets', async () => {
      const rendering = service.renderableHtml('<img src="cid:logo@mail">', [attachment('logo', { inline: true, contentId: 'logo@mail' })], false);
      await settle();
      http.expectOne('/api/attachments/logo').flush(new Blob(['png']));
      await expect(rendering).resolves.toBe('<img src="blob:test/1">');
    });

    it('should fail when an inline image cannot be fetched', async () => {
      const rendering = service.renderableHtml(HTML, [LOGO], false);
      await settle();
      http.expectOne('/api/attachments/logo').flush(null, { status: 403, statusText: 'Forbidden' });
      await expect(rendering).rejects.toBeTruthy();
    });
  });
});
