import type { ConnectionCheckView, ConnectorView } from '@throughline/domain';

export const HEALTH_LABELS: Record<ConnectorView['health'], string> = {
  ok: 'Healthy',
  failing: 'Failing',
  unknown: 'No events yet',
};

const PROVIDER_LABELS: Record<string, string> = {
  generic: 'Generic webhook',
  imap: 'IMAP mailbox',
  smtp: 'SMTP listener',
  mime: 'Forwarded mail (MIME)',
  twilio: 'Twilio Voice',
  calllog: 'Call log',
  x: 'X',
  mastodon: 'Mastodon',
  meta: 'Facebook / Instagram',
  widget: 'Chat widget',
};

/** "IMAP mailbox", "Twilio Voice"; an unknown provider is shown by its id. */
export function providerLabel(provider: string): string {
  return PROVIDER_LABELS[provider] ?? provider;
}

const STAGE_WORDS: Record<ConnectionCheckView['stage'], string> = {
  dns: 'Finding the server (DNS)',
  connect: 'Connecting to the server',
  tls: 'Securing the connection (TLS)',
  auth: 'Signing in',
  folder: 'Opening the mailbox folder',
  ok: 'Everything',
};

/** One line per check: "Signing in failed: …" or "Connecting to the server worked: …". */
export function describeCheck(check: ConnectionCheckView): string {
  const stage = STAGE_WORDS[check.stage] ?? check.stage;
  if (check.ok) return check.stage === 'ok' ? check.message : `${stage} worked: ${check.message}`;
  return `${stage} failed: ${check.message}`;
}

/** Config values as text for a settings list; nested objects (e.g. the SMTP settings) as `key: value` pairs. */
export function configEntries(config: Record<string, unknown>): Array<{ key: string; value: string }> {
  return Object.entries(config).flatMap(([key, value]) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return configEntries(value as Record<string, unknown>).map((e) => ({ key: `${key}.${e.key}`, value: e.value }));
    }
    return [{ key, value: Array.isArray(value) ? value.join(', ') : String(value) }];
  });
}

const WEBHOOK_LABELS: Record<string, string> = {
  generic: 'Events (JSON)',
  email: 'Raw mail (RFC 5322)',
  twilio: 'Twilio voice status',
  calls: 'Call log',
  x: 'X activity and CRC',
  meta: 'Meta webhooks',
};

export function webhookLabel(name: string): string {
  return WEBHOOK_LABELS[name] ?? name;
}

/** What switching a connector off does, in the admin's words, by how its events arrive. */
export function disableConsequence(provider: string): string {
  switch (provider) {
    case 'imap':
    case 'mastodon':
      return 'Polling stops: nothing is read until it is enabled again (then it catches up on what is still there).';
    case 'smtp':
      return 'Mail to its address is refused at the SMTP door (550 mailbox disabled); senders get a bounce.';
    case 'widget':
      return 'The chat widget refuses visitors (“this chat widget is disabled”) and chats in progress cannot send.';
    default:
      return 'Its webhooks are refused with 403 (connector disabled) and nothing sent meanwhile is stored; senders that retry deliver once it is on again.';
  }
}

export const GRACE_CHOICES: ReadonlyArray<{ seconds: number; label: string }> = [
  { seconds: 0, label: 'None: the old secret stops at once' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 24 * 3600, label: '24 hours' },
  { seconds: 7 * 24 * 3600, label: '7 days' },
];
