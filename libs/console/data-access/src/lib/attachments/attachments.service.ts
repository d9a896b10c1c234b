import { HttpClient } from '@angular/common/http';
import { DestroyRef, inject, Injectable } from '@angular/core';
import type { AttachmentView } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';

/**
 * Attachments are served only with the agent's bearer token, which an `<img src>` or a plain link
 * cannot send: they are fetched through HttpClient (the auth interceptor adds the token) and
 * handed out as object URLs, revoked when the owning view goes away.
 */
@Injectable()
export class AttachmentsService {
  private readonly http = inject(HttpClient);
  private readonly urls = new Map<string, Promise<string>>();

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      for (const url of this.urls.values())
        void url.then(
          (u) => URL.revokeObjectURL(u),
          () => undefined,
        );
      this.urls.clear();
    });
  }

  objectUrl(attachment: AttachmentView): Promise<string> {
    let url = this.urls.get(attachment.id);
    if (!url) {
      url = firstValueFrom(this.http.get(attachment.url, { responseType: 'blob' })).then((blob) => URL.createObjectURL(blob));
      url.catch(() => this.urls.delete(attachment.id));
      this.urls.set(attachment.id, url);
    }
    return url;
  }

  /** Saves the attachment under its own file name. */
  async download(attachment: AttachmentView): Promise<void> {
    const link = document.createElement('a');
    link.href = await this.objectUrl(attachment);
    link.download = attachment.filename;
    link.rel = 'noopener';
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  /**
   * The message's sanitised HTML with `cid:` images pointing at their inline attachments, and
   * remote images (held back by the server as `data-remote-src`) restored only when asked.
   */
  async renderableHtml(html: string, attachments: readonly AttachmentView[], loadRemote: boolean): Promise<string> {
    let result = html;
    for (const attachment of attachments) {
      if (!attachment.contentId) continue;
      const cid = `cid:${attachment.contentId.replace(/^<|>$/g, '')}`;
      if (!result.includes(cid)) continue;
      const url = await this.objectUrl(attachment);
      result = result.split(cid).join(url);
    }
    if (loadRemote) result = result.replace(/data-remote-src=/g, 'src=');
    return result;
  }
}
