import { expect, type Page, test } from '@playwright/test';
import type { CreatedConnectorView } from '@throughline/domain';
import { tokenOf } from './support/api';
import { expectInboxLive, inboxList, signIn, timeline } from './support/console';
import { BASE_URL, DEMO_AGENT, DEMO_PASSWORD } from './support/e2e.constants';
import { signBody } from './support/webhook';

/**
 * Stored XSS: what customers write is shown to agents. Each payload, if it ever ran, would set
 * `top.__xss` (the console's window, reachable from the email frame's same-origin sandbox) or
 * open a dialog. Sent as email HTML (raw MIME through the mime hook) and as chat text (the
 * widget), then opened in the console in Chromium.
 */
const CORPUS = [
  '<script>top.__xss = "script"; alert("script")</script>',
  '<img src="x" onerror="top.__xss = \'img onerror\'; alert(1)">',
  '<svg onload="top.__xss = \'svg onload\'"><circle r="4" /></svg>',
  '<svg><script>top.__xss = "svg script"</script></svg>',
  '<a id="js-link" href="javascript:top.__xss = \'javascript url\'">click me</a>',
  '<a href=" JaVaScRiPt:top.__xss = \'mixed case\'">mixed case</a>',
  '<a href="java&#x09;script:top.__xss = \'tab entity\'">tab entity</a>',
  '<iframe src="javascript:top.__xss = \'iframe javascript\'"></iframe>',
  '<iframe srcdoc="<script>top.__xss = \'nested srcdoc\'</script>"></iframe>',
  '<a href="data:text/html,<script>opener.__xss = \'data url\'</script>">data link</a>',
  '<object data="data:text/html;base64,PHNjcmlwdD50b3AuX194c3MgPSAnb2JqZWN0Jzwvc2NyaXB0Pg=="></object>',
  '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9InRvcC5fX3hzcyA9ICdlbWJlZCciLz4=">',
  '<details open ontoggle="top.__xss = \'ontoggle\'"><summary>details</summary></details>',
  '<body onload="top.__xss = \'body onload\'">',
  '<form action="javascript:top.__xss = \'form action\'"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:top.__xss = \'meta refresh\'">',
  '<math><mi xlink:href="javascript:top.__xss = \'mathml\'">math</mi></math>',
  '<div style="background:url(javascript:top.__xss = \'css url\')">css url</div>',
  '<div style="width: expression(top.__xss = \'css expression\')">css expression</div>',
  '<div style="background: u\\72l(https://tracker.invalid/escaped.gif)">escaped url</div>',
  '<div style="background-image: image-set(\'https://tracker.invalid/image-set.gif\' 1x)">image-set</div>',
  '<style>@import url("https://tracker.invalid/import.css"); body { background: url(https://tracker.invalid/style.gif) }</style>',
  "\"><img src=x onerror=top.__xss='attribute breakout'>",
  '<img src="https://tracker.invalid/pixel.gif" alt="remote image">',
];

/** Everything that would show a payload ran, or that a remote resource was fetched, on one page. */
function watch(page: Page) {
  const seen = { dialogs: [] as string[], remote: [] as string[] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (request.url().includes('tracker.invalid')) seen.remote.push(new URL(request.url()).pathname);
  });
  return seen;
}

const flag = (page: Page) => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null);

test.describe('stored XSS', () => {
  test('a corpus of script, event handler, javascript: and data: URL, SVG and CSS payloads stays inert in email HTML and chat text', async ({
    page,
    context,
    request,
  }) => {
    test.setTimeout(150_000);
    const stamp = Date.now();
    const watched = watch(page);

    // Email: one message whose HTML part is the whole corpus, through a mime connector's raw hook.
    const admin = await tokenOf(request, 'admin@example.com');
    const created = await request.post(`${BASE_URL}/api/connectors`, {
      headers: { Authorization: `Bearer ${admin}` },
      data: { name: `XSS mailbox ${stamp}`, kind: 'email', provider: 'mime', config: { address: `xss-${stamp}@shop.example` } },
    });
    expect(created.status()).toBe(201);
    const mime = (await created.json()) as CreatedConnectorView;
    const html = `<html><body><p>Corpus ${stamp}</p>${CORPUS.join('\n')}</body></html>`;
    const raw = Buffer.from(
      [
        `From: Xena Corpus <xena.${stamp}@example.com>`,
        `To: xss-${stamp}@shop.example`,
        `Subject: XSS corpus ${stamp}`,
        `Message-ID: <xss-${stamp}@example.com>`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/alternative; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        `The corpus ${stamp}, as text.`,
        '--b',
        'Content-Type: text/html; charset=utf-8',
        '',
        html,
        '--b--',
        '',
      ].join('\r\n'),
    );
    const hook = await request.post(`${BASE_URL}/api/hooks/${mime.id}/email`, {
      data: raw,
      headers: { 'Content-Type': 'message/rfc822', 'X-Throughline-Signature': signBody(raw, mime.signingSecret ?? '') },
    });
    expect(hook.status()).toBe(202);

    // Chat: a visitor sends every payload as a message on the demo page.
    const visitor = await context.newPage();
    const visitorWatched = watch(visitor);
    await visitor.goto('/chat-demo');
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    const chat = visitor.getByRole('dialog', { name: 'Kettle & Co. support' });
    await chat.getByLabel('Name').fill(`Chad Corpus ${stamp}`);
    await chat.getByRole('button', { name: 'Start chat' }).click();
    const log = chat.getByRole('log', { name: 'Conversation' });
    for (const payload of CORPUS) {
      await chat.getByLabel('Your message').fill(payload);
      await chat.getByRole('button', { name: 'Send' }).click();
      await expect(log).toContainText(payload);
    }
    expect(await flag(visitor)).toBeNull();
    await visitor.close();

    // The agent opens both in the console.
    await signIn(page, DEMO_AGENT, DEMO_PASSWORD);
    await expectInboxLive(page);
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill(`xena.${stamp}@example.com`);
    await expect(inboxList(page).getByRole('link').first()).toContainText('Xena Corpus', { timeout: 30_000 });
    await inboxList(page).getByRole('link').first().click();
    const email = timeline(page)
      .getByRole('article')
      .filter({ hasText: `The corpus ${stamp}` });
    await email.getByRole('button', { name: 'Show formatted email' }).click();
    const frame = page.frameLocator('iframe[title="Formatted email"]');
    await expect(frame.getByText(`Corpus ${stamp}`)).toBeVisible();
    await expect(frame.getByText('css expression')).toBeVisible();
    // A link the agent clicks runs nothing either (the frame runs no script; links open outside).
    await frame.getByText('click me').click({ noWaitAfter: true });
    await page.waitForTimeout(500);
    expect(watched.remote).toEqual([]);

    // Remote images load only after the agent asks, and only as images: never the CSS ones.
    await page.getByRole('button', { name: 'Load remote images' }).click();
    await expect.poll(() => watched.remote).toContain('/pixel.gif');
    await page.waitForTimeout(500);
    expect(watched.remote.filter((path) => path !== '/pixel.gif')).toEqual([]);

    await page.getByRole('searchbox', { name: 'Search conversations' }).fill(`Chad Corpus ${stamp}`);
    await expect(inboxList(page).getByRole('link').first()).toContainText(`Chad Corpus ${stamp}`, { timeout: 30_000 });
    await inboxList(page).getByRole('link').first().click();
    // Shown as the text the visitor typed.
    for (const payload of CORPUS) await expect(timeline(page)).toContainText(payload);

    expect(await flag(page)).toBeNull();
    expect(watched.dialogs).toEqual([]);
    expect(visitorWatched.dialogs).toEqual([]);
    expect(visitorWatched.remote).toEqual([]);
  });
});
