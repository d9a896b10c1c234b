import sanitizeHtml = require('sanitize-html');

export interface SanitizedHtml {
  html: string;
  /** The mail refers to remote images or styles, which the console does not load unasked. */
  hasRemoteContent: boolean;
}

/** Where email HTML legitimately points images: attachments of the same mail, or inline data. */
const EMBEDDED_SOURCE = /^\s*(?:cid|data):/i;
const REMOTE_URL = /^\s*(?:https?:)?\/\//i;
/** CSS that loads or runs something: remote backgrounds and images, fonts, IE expressions and bindings. */
const ACTIVE_CSS = /url\s*\(|image-set\s*\(|image\s*\(|cross-fade\s*\(|element\s*\(|expression\s*\(|javascript:|behavior\s*:|-moz-binding|@import/i;
const REMOTE_CSS = /(?:url|image-set|image)\s*\(\s*['"]?\s*(?:https?:)?\/\//i;

/** A declaration as a browser reads it: comments gone, escapes (`u\72l(`, `\75 rl(`) decoded. */
function cssAsRead(declaration: string): string {
  return declaration
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '')
    .replace(/\\([0-9a-f]{1,6})\s?/gi, (_, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff) || 0xfffd))
    .replace(/\\(.)/g, '$1');
}

// No `id`/`name`: mail must not be able to shadow the console's own DOM ids.
const LAYOUT_ATTRIBUTES = ['align', 'valign', 'width', 'height', 'bgcolor', 'border', 'dir', 'lang', 'title', 'style', 'class'];

/**
 * Mail HTML made safe to show in the console: no scripts, styles sheets, frames, objects or forms,
 * no event handlers, only http(s)/mailto/tel links, and nothing fetched from elsewhere. Remote
 * image sources move to `data-remote-src` (the console may offer to load them) and remote CSS
 * is dropped; `cid:` images stay so the console can resolve them to the mail's attachments.
 */
export function sanitizeEmailHtml(html: string): SanitizedHtml {
  let hasRemoteContent = false;
  const neutraliseStyle = (attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes => {
    if (attribs['background']) {
      hasRemoteContent ||= REMOTE_URL.test(attribs['background']);
      delete attribs['background'];
    }
    if (attribs['style']) {
      const declarations = attribs['style'].split(';').map((d) => ({ d, read: cssAsRead(d) }));
      hasRemoteContent ||= declarations.some(({ read }) => REMOTE_CSS.test(read));
      attribs['style'] = declarations
        .filter(({ read }) => !ACTIVE_CSS.test(read))
        .map(({ d }) => d)
        .join(';');
    }
    return attribs;
  };

  const clean = sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'strike', 'tt', 'big'],
    allowedAttributes: {
      '*': LAYOUT_ATTRIBUTES,
      a: ['href', 'target', 'rel'],
      img: ['src', 'alt', 'data-remote-src'],
      font: ['color', 'face', 'size'],
      td: ['colspan', 'rowspan', 'nowrap'],
      th: ['colspan', 'rowspan', 'nowrap'],
      table: ['cellpadding', 'cellspacing'],
      ol: ['start', 'type'],
      blockquote: ['type', 'cite'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['cid', 'data'] },
    allowProtocolRelative: false,
    transformTags: {
      '*': (tagName, attribs) => ({ tagName, attribs: neutraliseStyle(attribs) }),
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...neutraliseStyle(attribs), target: '_blank', rel: 'noopener noreferrer nofollow' },
      }),
      img: (tagName, attribs) => {
        const { src, srcset, ...rest } = neutraliseStyle(attribs);
        if (srcset) hasRemoteContent = true;
        if (src === undefined || EMBEDDED_SOURCE.test(src)) return { tagName, attribs: src === undefined ? rest : { ...rest, src } };
        if (REMOTE_URL.test(src)) {
          hasRemoteContent = true;
          return { tagName, attribs: { ...rest, 'data-remote-src': src.trim() } };
        }
        return { tagName, attribs: rest };
      },
    },
  });
  return { html: clean, hasRemoteContent };
}
