import { decodeHtmlEntities, expandUrls, htmlToText } from './text';

describe('htmlToText', () => {
  it('should keep paragraphs and line breaks, show mentions as @handle and restore shortened links', () => {
    const html =
      '<p><span class="h-card" translate="no"><a href="https://mastodon.social/@trwnh" class="u-url mention">@<span>trwnh</span></a></span> my order &amp; invoice:<br />' +
      '<a href="https://shop.example.com/orders/4411/invoice" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="ellipsis">shop.example.com/orders/4411/i</span><span class="invisible">nvoice</span></a></p>' +
      '<p>Thanks! <a href="https://mastodon.social/tags/help" class="mention hashtag" rel="tag">#<span>help</span></a></p>';
    expect(htmlToText(html)).toBe('@trwnh my order & invoice:\nhttps://shop.example.com/orders/4411/invoice\n\nThanks! #help');
  });

  it('should turn list items into lines', () => {
    expect(htmlToText('<p>Steps:</p><ul><li>one</li><li>two</li></ul>')).toBe('Steps:\n\none\ntwo');
  });
});

describe('decodeHtmlEntities', () => {
  it('should decode named and numeric references once, keeping unknown ones', () => {
    expect(decodeHtmlEntities('&lt;b&gt; &amp;lt; &#39;x&#x27; &#128512; &bogus;')).toBe("<b> &lt; 'x' 😀 &bogus;");
  });
});

describe('expandUrls', () => {
  it('should replace each short link that has an expansion', () => {
    expect(
      expandUrls('see https://t.co/a and https://t.co/b', [
        { url: 'https://t.co/a', expanded_url: 'https://example.com/a' },
        { url: 'https://t.co/b', expanded_url: null },
      ]),
    ).toBe('see https://example.com/a and https://t.co/b');
  });
});
