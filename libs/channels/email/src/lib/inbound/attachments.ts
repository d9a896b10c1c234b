import type { NormalizedAttachment } from '@throughline/domain';
import type { Attachment } from 'mailparser';
import { filetypeinfo } from 'magic-bytes.js';
import { normalizeMessageId } from './message-id';

export const DEFAULT_MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

export interface SkippedAttachment {
  filename: string;
  contentType: string;
  size: number;
  reason: string;
}

/**
 * The content type the bytes show (a PNG sent as application/octet-stream is image/png), or the
 * declared one when the bytes say nothing or agree with it (a .docx is also a zip).
 */
export function detectContentType(content: Uint8Array, declared: string): string {
  const declaredType = declared.toLowerCase();
  const sniffed = filetypeinfo(content.subarray(0, 4096))
    .map((guess) => guess.mime?.toLowerCase())
    .filter((mime): mime is string => Boolean(mime));
  if (sniffed.length === 0 || sniffed.includes(declaredType)) return declaredType;
  return sniffed[0];
}

const FALLBACK_NAMES: Record<string, string> = {
  'message/rfc822': 'message.eml',
  'message/delivery-status': 'delivery-status.txt',
  'text/rfc822-headers': 'message-headers.txt',
};

/** Attachments within the size limit, and the ones left out with why. */
export function collectAttachments(parts: Attachment[], maxBytes: number): { attachments: NormalizedAttachment[]; skipped: SkippedAttachment[] } {
  const attachments: NormalizedAttachment[] = [];
  const skipped: SkippedAttachment[] = [];
  parts.forEach((part, index) => {
    const filename = part.filename?.trim() || FALLBACK_NAMES[part.contentType.toLowerCase()] || `attachment-${index + 1}`;
    if (part.size > maxBytes) {
      skipped.push({
        filename,
        contentType: part.contentType,
        size: part.size,
        reason: `larger than the attachment limit of ${formatBytes(maxBytes)}`,
      });
      return;
    }
    const contentId = part.contentId ? normalizeMessageId(part.contentId) : undefined;
    attachments.push({
      filename,
      contentType: detectContentType(part.content, part.contentType),
      content: part.content,
      ...(contentId ? { contentId } : {}),
      inline: part.contentDisposition === 'inline',
    });
  });
  return { attachments, skipped };
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
