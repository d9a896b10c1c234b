const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};

/** Decodes HTML character references in one pass (`&amp;lt;` stays `&lt;`); unknown names are kept. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (reference, name: string) => {
    if (name[0] === '#') {
      const codePoint = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : reference;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? reference;
  });
}

/**
 * Mastodon status HTML as plain text: paragraphs become blank-line separated, `<br>` a line break,
 * mention and hashtag links their visible `@user` / `#tag`, and links their full URL (Mastodon
 * hides the scheme and the tail of long links in `invisible` spans, which are kept).
 */
export function htmlToText(html: string): string {
  return decodeHtmlEntities(
    html
      .replace(/\s+/g, ' ')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|blockquote|pre|h[1-6])>\s*/gi, '\n\n')
      .replace(/<\/li>\s*/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Replaces shortened links (t.co) with the URL they stand for, where the platform gives one. */
export function expandUrls(text: string, urls: ReadonlyArray<{ url?: string; expanded_url?: string | null }>): string {
  return urls.reduce((result, { url, expanded_url }) => (url && expanded_url ? result.split(url).join(expanded_url) : result), text);
}
