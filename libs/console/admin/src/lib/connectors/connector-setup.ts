import type { ConnectorView } from '@throughline/domain';

/** One value to paste somewhere else, with where it goes. */
export interface SetupItem {
  label: string;
  value: string;
  /** Where to paste it, in the admin's words. */
  help: string;
  /** The secret shown this once. */
  secret?: boolean;
  /** Code to copy as a block (a snippet), not a one-line value. */
  block?: boolean;
}

export interface SetupGuide {
  items: SetupItem[];
  /** What else to do that has no value to paste. */
  notes: string[];
}

/** The generated secret, when it is in hand (right after creation or rotation). */
export interface ShownSecret {
  name: 'signingSecret' | 'identitySecret';
  value: string;
}

const SIGNED_HELP = 'Send X-Throughline-Signature: sha256=<hex HMAC-SHA256 of the raw body under the signing secret>.';

function signingSecretItem(secret: ShownSecret | null, where: string): SetupItem[] {
  return secret ? [{ label: 'Signing secret', value: secret.value, help: where, secret: true }] : [];
}

function curlExample(url: string, contentType: string, body: string): string {
  return [
    `body='${body}'`,
    `sig=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$SIGNING_SECRET" -hex | sed 's/^.* //')`,
    `curl -X POST '${url}' -H 'Content-Type: ${contentType}' -H "X-Throughline-Signature: sha256=$sig" --data-binary "$body"`,
  ].join('\n');
}

/** Exactly what to paste where for a connector: webhook URLs, the secret (when shown), console values, snippets. */
export function setupGuideOf(connector: ConnectorView, publicUrl: string, secret: ShownSecret | null): SetupGuide {
  const url = (path: string) => connector.webhookUrls[path] ?? '';
  const config = connector.config;
  switch (connector.provider) {
    case 'generic':
      return {
        items: [
          { label: 'Webhook URL', value: url('generic'), help: `Where your system POSTs JSON events. ${SIGNED_HELP}` },
          ...signingSecretItem(secret, 'Keep it on the sending server; it signs events (and the replies we send to your callback URL).'),
          {
            label: 'Example',
            value: curlExample(
              url('generic'),
              'application/json',
              '{"externalId":"order-123-msg-1","occurredAt":"2026-01-01T10:00:00Z","from":{"email":"ana@example.com"},"text":"Hello"}',
            ),
            help: 'A signed event from a shell, with SIGNING_SECRET set to the secret.',
            block: true,
          },
        ],
        notes: [],
      };
    case 'mime':
      return {
        items: [
          { label: 'Raw mail URL', value: url('email'), help: `Your mail provider POSTs each message here with Content-Type: message/rfc822. ${SIGNED_HELP}` },
          ...signingSecretItem(secret, 'Paste it where your mail provider signs the forwarded mail.'),
        ],
        notes: [],
      };
    case 'calllog':
      return {
        items: [
          { label: 'Call log URL', value: url('calls'), help: `Your PBX or CTI system POSTs call events here. ${SIGNED_HELP}` },
          ...signingSecretItem(secret, 'Systems that cannot sign may append ?token=<signing secret> to the URL instead.'),
        ],
        notes: ['Asterisk CDR files go to POST /api/connectors/<id>/calls/import.'],
      };
    case 'twilio':
      return {
        items: [
          {
            label: 'Status callback URL',
            value: url('twilio'),
            help: 'Twilio console → your phone number → Voice: status callback URL, HTTP POST. Use it as recordingStatusCallback and transcribeCallback too.',
          },
          { label: 'Status callback events', value: 'initiated ringing answered completed', help: 'The events to select for the status callback.' },
        ],
        notes: ['Twilio signs the exact URL it calls: PUBLIC_URL must be the public address Twilio is given.'],
      };
    case 'x':
      return {
        items: [
          {
            label: 'Account Activity webhook URL',
            value: url('x'),
            help: 'X developer portal → Account Activity API → register this webhook (X checks it with a CRC request).',
          },
        ],
        notes: [`Subscribe the account ${String(config['accountId'] ?? '')} to the webhook so its mentions and direct messages arrive.`],
      };
    case 'meta':
      return {
        items: [
          { label: 'Callback URL', value: url('meta'), help: 'Meta app → Webhooks → Page (and Instagram): callback URL.' },
          { label: 'Verify token', value: String(config['verifyToken'] ?? ''), help: 'The same app settings: verify token.' },
        ],
        notes: ['Subscribe the Page to feed, mention and messages (Instagram: comments and mentions).'],
      };
    case 'widget': {
      const key = String(config['connectorKey'] ?? '');
      const tag = `<script src="${publicUrl}/widget.js" data-connector-key="${key}" async></script>`;
      return {
        items: [
          { label: 'Script tag', value: tag, help: 'Paste it into every page that should show the chat (origins listed under Allowed origins).', block: true },
          ...(secret
            ? [{ label: 'Identity secret', value: secret.value, help: 'Keep it on your web server: it signs your signed-in users.', secret: true }]
            : []),
          {
            label: 'Identity HMAC (on your server)',
            value: [
              "const { createHmac } = require('node:crypto');",
              "const hmac = createHmac('sha256', process.env.THROUGHLINE_IDENTITY_SECRET).update(user.email).digest('hex');",
              `// <script src="${publicUrl}/widget.js" data-connector-key="${key}" data-identity-email="\${user.email}" data-identity-hmac="\${hmac}" async></script>`,
            ].join('\n'),
            help: 'Optional: links the chat to the customer with that email. Sign user.id instead and pass data-identity-user-id for your own ids.',
            block: true,
          },
        ],
        notes: [],
      };
    }
    case 'imap':
    case 'mastodon':
      return { items: [], notes: ['Nothing to paste: Throughline signs in and reads on a schedule. Use Test connection to check the settings.'] };
    case 'smtp':
      return {
        items: [],
        notes: [
          `Deliver mail for ${String(config['address'] ?? 'the address')} to this server’s inbound SMTP listener (SMTP_INBOUND_PORT), e.g. with an MX record or a forward.`,
        ],
      };
  }
}
