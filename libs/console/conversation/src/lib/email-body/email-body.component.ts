import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, signal, viewChild } from '@angular/core';
import { AttachmentsService } from '@throughline/console/data-access';
import type { AttachmentView, MessageView } from '@throughline/domain';
import { formatBytes } from '../timeline-entry/entry-details';
import { emailFrameDocument } from './email-frame';

/**
 * The parts of an email beyond its text: the sanitised HTML (on demand, in a sandbox that runs no
 * script, remote images only when the agent asks) and the attachments to download.
 */
@Component({
  selector: 'tl-email-body',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (message().html) {
      <div class="actions">
        <button type="button" class="toggle" [attr.aria-expanded]="showHtml()" (click)="toggleHtml()">
          {{ showHtml() ? 'Hide formatted email' : 'Show formatted email' }}
        </button>
        @if (showHtml() && hasRemote() && !loadRemote()) {
          <button type="button" class="toggle" (click)="loadRemoteImages()">Load remote images</button>
        }
      </div>
      @if (showHtml()) {
        @if (htmlError(); as error) {
          <p class="error" role="alert">{{ error }}</p>
        } @else if (srcdoc()) {
          <iframe
            #frame
            class="html"
            title="Formatted email"
            sandbox="allow-same-origin allow-popups"
            referrerpolicy="no-referrer"
            (load)="fitFrame()"
          ></iframe>
        } @else {
          <p class="muted">Preparing the formatted email…</p>
        }
      }
    }
    @if (files().length) {
      <ul class="files" aria-label="Attachments">
        @for (file of files(); track file.id) {
          <li>
            <button type="button" class="file" (click)="download(file)" [attr.aria-label]="'Download ' + file.filename">
              <span class="name">{{ file.filename }}</span>
              <span class="size">{{ size(file.size) }}</span>
            </button>
          </li>
        }
      </ul>
      @if (downloadError(); as error) {
        <p class="error" role="alert">{{ error }}</p>
      }
    }
  `,
  styles: `
    :host {
      display: block;
      margin-top: 0.4rem;
    }
    .actions {
      display: flex;
      gap: 0.4rem;
    }
    .toggle {
      padding: 0.1rem 0.45rem;
      border: 1px solid var(--tl-border);
      border-radius: 0.35rem;
      background: var(--tl-surface);
      color: var(--tl-text-muted);
      font: inherit;
      font-size: 0.75rem;
      cursor: pointer;
    }
    .html {
      display: block;
      width: 100%;
      min-height: 6rem;
      margin-top: 0.4rem;
      border: 1px solid var(--tl-border);
      border-radius: 0.4rem;
      background: #fff;
    }
    .files {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      margin: 0.45rem 0 0;
      padding: 0;
      list-style: none;
    }
    .file {
      display: inline-flex;
      gap: 0.4rem;
      align-items: baseline;
      padding: 0.25rem 0.55rem;
      border: 1px solid var(--tl-border);
      border-radius: 0.4rem;
      background: var(--tl-surface-muted);
      font: inherit;
      font-size: 0.78rem;
      cursor: pointer;
    }
    .file:hover {
      border-color: var(--tl-border-strong);
    }
    .name {
      color: var(--tl-accent-strong);
    }
    .size,
    .muted {
      color: var(--tl-text-muted);
      font-size: 0.75rem;
    }
    .error {
      color: var(--tl-danger);
      font-size: 0.78rem;
    }
  `,
})
export class EmailBodyComponent {
  private readonly attachments = inject(AttachmentsService);
  readonly message = input.required<MessageView>();
  private readonly frame = viewChild<ElementRef<HTMLIFrameElement>>('frame');

  protected readonly showHtml = signal(false);
  protected readonly loadRemote = signal(false);
  protected readonly srcdoc = signal<string | null>(null);
  protected readonly htmlError = signal<string | null>(null);
  protected readonly downloadError = signal<string | null>(null);
  protected readonly hasRemote = computed(() => (this.message().html ?? '').includes('data-remote-src'));
  /** Inline images shown in the HTML are not listed again as files. */
  protected readonly files = computed(() => {
    const html = this.message().html ?? '';
    return this.message().attachments.filter((a) => !(a.inline && a.contentId && html.includes(`cid:${a.contentId.replace(/^<|>$/g, '')}`)));
  });

  constructor() {
    // Set as a property: the server already sanitised this HTML, and Angular's own sanitiser would
    // strip the email's styles. The sandbox runs no script either way.
    effect(() => {
      const frame = this.frame()?.nativeElement;
      const doc = this.srcdoc();
      if (frame && doc !== null && frame.srcdoc !== doc) frame.srcdoc = doc;
    });
  }

  protected size(bytes: number): string {
    return formatBytes(bytes);
  }

  protected toggleHtml(): void {
    this.showHtml.set(!this.showHtml());
    if (this.showHtml() && !this.srcdoc()) void this.render();
  }

  protected loadRemoteImages(): void {
    this.loadRemote.set(true);
    void this.render();
  }

  protected async download(file: AttachmentView): Promise<void> {
    this.downloadError.set(null);
    try {
      await this.attachments.download(file);
    } catch {
      this.downloadError.set(`Could not download ${file.filename}. Try again.`);
    }
  }

  /** Grows the frame to its content, so the timeline scrolls instead of the frame. */
  protected fitFrame(): void {
    const frame = this.frame()?.nativeElement;
    const body = frame?.contentDocument?.body;
    if (frame && body) frame.style.height = `${Math.min(body.scrollHeight + 24, 2000)}px`;
  }

  private async render(): Promise<void> {
    const m = this.message();
    this.htmlError.set(null);
    try {
      const loadRemote = this.loadRemote();
      this.srcdoc.set(emailFrameDocument(await this.attachments.renderableHtml(m.html ?? '', m.attachments, loadRemote), loadRemote));
    } catch {
      this.htmlError.set('Could not load the images of this email.');
    }
  }
}
