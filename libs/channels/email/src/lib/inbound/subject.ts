import { CONVERSATION_REF_IN_SUBJECT } from '../outbound/conversation-ref';

/**
 * Reply and forward prefixes mail clients add, in the languages we meet: Re/Fwd/Fw (English and
 * most others), AW/WG (German), Sv/Vs (Nordic), Antw/Doorst (Dutch), Réf/Tr (French), Rif
 * (Italian), Rv (Spanish), Enc (Portuguese), Odp/Pd (Polish), Ynt (Turkish), Chinese 回复/转发.
 * A counter (`Re[3]:`, `Re(2):`), a dot (`Réf.:`) and a space or full-width colon before the
 * colon (French typography, CJK clients) are allowed.
 */
const REPLY_PREFIX = /^\s*(?:re|fwd?|aw|wg|sv|vs|antw|doorst|r[ée]f|tr|rif|rv|enc|odp|pd|ynt|回复|回覆|答复|转发|轉寄)\.?\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/i;
/** A leading `[users@httpd]`-style list tag (our own `[#TOKEN]` has the same shape). */
const LIST_TAG = /^\s*\[[^\]]*\]\s*/;
const TRAILING_FWD = /\s*\((?:fwd|fw)\)\s*$/i;

/**
 * Subject without leading reply/forward prefixes and without our conversation reference, case and
 * list tags kept: what our reply puts after its own `Re: [#TOKEN] `.
 */
export function stripSubjectPrefixes(subject: string): string {
  let rest = subject.replace(new RegExp(CONVERSATION_REF_IN_SUBJECT.source, 'gi'), ' ');
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(REPLY_PREFIX, '');
  }
  return rest.replace(/\s+/g, ' ').trim();
}

/**
 * The weakest threading hint: the subject with any number of reply/forward prefixes, list tags
 * and our reference removed, whitespace collapsed, lower-cased. `Re: [users@httpd] AW: [#4F2K]
 * Printer  on fire` → `printer on fire`.
 */
export function normalizeSubject(subject: string): string {
  let rest = stripSubjectPrefixes(subject);
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(REPLY_PREFIX, '').replace(LIST_TAG, '').replace(TRAILING_FWD, '');
  }
  return rest.replace(/\s+/g, ' ').trim().toLowerCase();
}
