import { sanitizeEmailHtml } from './html';

describe('sanitizeEmailHtml', () => {
  it('should remove scripts, styles, frames, objects, forms and event handlers', () => {
    const { html } = sanitizeEmailHtml(
      '<html><head><style>body{display:none}</style><script>steal()</script></head>' +
        '<body onload="steal()"><p onclick="steal()" onmouseover="steal()">Hi</p>' +
        '<iframe src="https://evil.example"></iframe><object data="x.swf"></object><embed src="x.swf">' +
        '<form action="https://evil.example"><input name="password"><button>Go</button></form>' +
        '<svg><script>steal()</script></svg><math><mi>x</mi></math></body></html>',
    );
    expect(html).toBe('<p>Hi</p>Gox');
  });

  it('should drop javascript: and other unsafe link targets and open the rest in a new tab', () => {
    const { html } = sanitizeEmailHtml(
      '<a href="javascript:alert(1)">a</a><a href=" JaVaScRiPt:alert(1)">b</a><a href="data:text/html,x">c</a>' +
        '<a href="https://ok.example/x">d</a><a href="mailto:ana@example.com">e</a>',
    );
    expect(html).toBe(
      '<a target="_blank" rel="noopener noreferrer nofollow">a</a><a target="_blank" rel="noopener noreferrer nofollow">b</a>' +
        '<a target="_blank" rel="noopener noreferrer nofollow">c</a>' +
        '<a href="https://ok.example/x" target="_blank" rel="noopener noreferrer nofollow">d</a>' +
        '<a href="mailto:ana@example.com" target="_blank" rel="noopener noreferrer nofollow">e</a>',
    );
  });

  it('should not load remote images but keep their address, and keep cid: and data: images', () => {
    const result = sanitizeEmailHtml(
      '<img src="https://tracker.example/open.gif" width="1"><img src="//cdn.example/logo.png">' +
        '<img src="cid:logo@example.com" alt="logo"><img src="data:image/png;base64,iVBORw0KGgo=">' +
        '<img src="javascript:alert(1)"><img srcset="https://cdn.example/a.png 2x">',
    );
    expect(result.html).toBe(
      '<img width="1" data-remote-src="https://tracker.example/open.gif" /><img data-remote-src="//cdn.example/logo.png" />' +
        '<img alt="logo" src="cid:logo@example.com" /><img src="data:image/png;base64,iVBORw0KGgo=" /><img /><img />',
    );
    expect(result.hasRemoteContent).toBe(true);
  });

  it('should drop remote CSS and keep harmless inline styles', () => {
    const result = sanitizeEmailHtml(
      '<table background="https://cdn.example/bg.png"><tr><td style="color: red; background-image: url(https://cdn.example/bg.png)">x</td></tr></table>' +
        '<p style="width: expression(alert(1))">y</p>',
    );
    expect(result.html).toBe('<table><tr><td style="color:red">x</td></tr></table><p>y</p>');
    expect(result.hasRemoteContent).toBe(true);
  });

  it.each([
    ['image-set()', 'background-image: image-set("https://t.example/a.png" 1x)'],
    ['-webkit-image-set()', 'background-image: -webkit-image-set(url(https://t.example/a.png) 1x)'],
    ['an escaped url( (u\\72l)', 'background: u\\72l(https://t.example/a.png)'],
    ['an escaped url( (\\75 rl)', 'background: \\75 rl(https://t.example/a.png)'],
    ['a url( split by a comment', 'background: ur/**/l(https://t.example/a.png)'],
    ['an escaped image-set(', 'background: imag\\65-set("https://t.example/a.png" 1x)'],
    ['@import', '@import "https://t.example/x.css"'],
    ['an escaped expression(', 'width: expr\\65ssion(alert(1))'],
  ])('should drop CSS that fetches or runs something: %s', (_, declaration) => {
    const result = sanitizeEmailHtml(`<p style='color: red; ${declaration}'>x</p>`);
    expect(result.html).toBe('<p style="color:red">x</p>');
    expect(result.html).not.toContain('t.example');
  });

  it("should report remote CSS images however they are written, so they load only on the agent's click", () => {
    expect(sanitizeEmailHtml(`<p style='background: u\\72l("https://t.example/a.png")'>x</p>`).hasRemoteContent).toBe(true);
    expect(sanitizeEmailHtml(`<p style='background-image: image-set("//t.example/a.png" 1x)'>x</p>`).hasRemoteContent).toBe(true);
  });

  it('should report no remote content for self-contained mail', () => {
    expect(sanitizeEmailHtml('<p><b>Hello</b> <img src="cid:a@b"></p>')).toEqual({
      html: '<p><b>Hello</b> <img src="cid:a@b" /></p>',
      hasRemoteContent: false,
    });
  });
});
