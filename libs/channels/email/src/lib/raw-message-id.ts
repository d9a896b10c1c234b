import { createHash } from 'node:crypto';
import { normalizeMessageId, SYNTHETIC_ID_PREFIX } from './inbound/message-id';

/**
 * The id a raw mail is stored under before it is parsed (IMAP and SMTP store first, parse in the
 * worker): its Message-ID normalised as normalizeMessageId does, or the SHA-256 of its bytes
 * when it has none — the same rule the full parser uses, so both agree on what "the same mail" is.
 */
export function rawEmailExternalId(raw: Buffer): string {
  const crlf = raw.indexOf('\r\n\r\n');
  const headerEnd = crlf >= 0 ? crlf : raw.indexOf('\n\n');
  const header = raw.subarray(0, headerEnd >= 0 ? headerEnd : Math.min(raw.length, 64 * 1024)).toString('latin1');
  const value = /^message-id:[ \t]*(.*)$/im.exec(header.replace(/\r?\n[ \t]+/g, ' '))?.[1] ?? '';
  const id = normalizeMessageId(/<[^<>]*>/.exec(value)?.[0] ?? value);
  return id || `${SYNTHETIC_ID_PREFIX}${createHash('sha256').update(raw).digest('hex')}`;
}
