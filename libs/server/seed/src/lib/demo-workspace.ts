/** Fixed identifiers of the demo workspace, so the README's example webhook works as printed. */
export const DEMO_PASSWORD = 'throughline-demo';
export const DEMO_CONNECTOR_ID = '5eed0000-0000-4000-8000-000000000001';
export const DEMO_SIGNING_SECRET = 'throughline-demo-signing-secret';

export const DEMO_USERS = [
  { email: 'admin@example.com', name: 'Alex Admin', role: 'admin' },
  { email: 'supervisor@example.com', name: 'Sam Supervisor', role: 'supervisor' },
  // A capacity gives the wallboard's load column something to measure against.
  { email: 'agent@example.com', name: 'Ada Agent', role: 'agent', capacity: 6 },
] as const;

export const DEMO_QUEUES = ['General', 'Billing', 'Technical'] as const;

/** The demo chat widget (/chat-demo embeds it); the identity secret is fixed so the README's HMAC example works as printed. */
export const DEMO_CHAT_CONNECTOR_ID = '5eed0000-0000-4000-8000-000000000003';
export const DEMO_CHAT_CONNECTOR_KEY = 'tlw_demo_kettle_and_co';
export const DEMO_CHAT_IDENTITY_SECRET = 'throughline-demo-identity-secret';

/** The inbound SMTP listener accepts mail for this address (see the README's quick start). */
export const DEMO_MAIL_ADDRESS = 'support@example.com';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

/** Sent through the real webhook path, so the demo shows exactly what ingest produces. */
export function demoWebhooks(): Array<Record<string, unknown>> {
  return [
    {
      externalId: 'demo-1',
      occurredAt: hoursAgo(26),
      from: { email: 'maria.lopez@example.net', name: 'María López' },
      subject: 'Order #4821 arrived damaged',
      text: 'Hi, my order #4821 arrived today and the blender jar is cracked. I need it for a party on Saturday. Can you send a replacement?',
      threadKey: 'order-4821',
    },
    {
      externalId: 'demo-2',
      occurredAt: hoursAgo(3),
      from: { email: 'Maria.Lopez@example.net', phone: '+34 612 345 678', name: 'María López' },
      subject: 'Order #4821 arrived damaged',
      text: 'Following up on the cracked jar — still no reply and Saturday is close. My phone is +34 612 345 678 if that is easier.',
      threadKey: 'order-4821',
    },
    {
      externalId: 'demo-3',
      occurredAt: hoursAgo(5),
      from: { email: 'tom@northwind.example', name: 'Tom Becker' },
      subject: 'Invoice shows the wrong VAT number',
      text: 'Our invoice INV-2291 lists an old VAT number. Could you reissue it with DE 811 569 869? Thanks!',
    },
    {
      externalId: 'demo-4',
      occurredAt: hoursAgo(1),
      from: { phone: '+1 415 555 0134', name: 'Priya Raman' },
      subject: 'Cannot log in after password reset',
      text: 'I reset my password twice and the app still says "invalid credentials". I am locked out of my account.',
    },
    {
      externalId: 'demo-5',
      occurredAt: hoursAgo(0.5),
      from: { email: 'lena@northwind.example', name: 'Lena Vogel' },
      subject: 'Monthly invoicing takes us a whole day',
      text: 'Quick question: we send about 200 invoices by hand every month. Is there a way to speed up our invoicing workflow?',
      threadKey: 'northwind-invoicing',
    },
  ];
}

/** A real-looking reply by email from the demo's first customer: quoted history and a signature to strip. */
export function demoEmail(): Buffer {
  return Buffer.from(
    [
      'From: =?UTF-8?Q?Mar=C3=ADa_L=C3=B3pez?= <maria.lopez@example.net>',
      `To: Support <${DEMO_MAIL_ADDRESS}>`,
      'Subject: Re: Order #4821 arrived damaged',
      'Message-ID: <demo-email-1@mail.example.net>',
      `Date: ${new Date(Date.now() - 2 * 3600_000).toUTCString()}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Writing by email as well, in case the form does not reach anyone.',
      'The replacement jar is all I need; I can send a photo of the crack.',
      '',
      'María',
      '',
      '-- ',
      'María López · +34 612 345 678',
      '',
      'On Mon, Nov 23, 2026 at 10:02 AM María López <maria.lopez@example.net> wrote:',
      '> Hi, my order #4821 arrived today and the blender jar is cracked.',
      '',
    ].join('\r\n'),
  );
}
