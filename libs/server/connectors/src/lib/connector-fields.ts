import { z } from 'zod';
import { CONNECTOR_PROVIDERS, type ChannelKind, type ConnectorFieldView, type ConnectorProvider, type ConnectorProviderView } from '@throughline/domain';
import { PROVIDERS, type ProviderSpec } from './connector-providers';

interface FieldText {
  label: string;
  help?: string;
}

/** The subset of JSON Schema that zod emits for our provider configs. */
interface JsonSchemaNode {
  type?: string;
  format?: string;
  enum?: string[];
  default?: unknown;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
}

const EMAIL_COMMON: Record<string, FieldText> = {
  address: { label: 'Email address', help: 'The address customers write to; no two connectors may own the same one.' },
  fromName: { label: 'From name', help: 'Shown as the sender of replies.' },
  threadBySubjectWithinDays: {
    label: 'Thread by subject within (days)',
    help: 'Mail without usable headers joins the same sender’s conversation with the same subject; 0 turns it off.',
  },
  'smtp.host': { label: 'Outgoing server (SMTP) host', help: 'Replies go out through it; leave the SMTP fields empty to keep replies in Throughline.' },
  'smtp.port': { label: 'SMTP port' },
  'smtp.secure': { label: 'SMTP TLS from the first byte (port 465)', help: 'Off: STARTTLS when offered (587, 25).' },
  'smtp.user': { label: 'SMTP user name' },
  'smtp.tlsRejectUnauthorized': { label: 'SMTP: refuse invalid certificates' },
};
const CALL_THREAD_WINDOW: FieldText = {
  label: 'Join conversation within (hours)',
  help: 'A call from the same customer within this long of the conversation’s last message joins it.',
};
const MAX_EVENT_AGE: FieldText = {
  label: 'Refuse deliveries older than (minutes)',
  help: 'Replayed deliveries whose every event is older are refused; 0 turns it off.',
};

interface ProviderText {
  label: string;
  description: string;
  fields: Record<string, FieldText>;
}

/** Labels and help for every provider setting and secret; types, defaults and requiredness come from the schemas. */
export const PROVIDER_TEXTS: Record<ConnectorProvider, ProviderText> = {
  generic: {
    label: 'Generic webhook',
    description: 'Any system that can POST signed JSON events (contact forms, shops, bots).',
    fields: { callbackUrl: { label: 'Callback URL', help: 'Replies are POSTed here, signed with the same secret; empty keeps replies in Throughline.' } },
  },
  imap: {
    label: 'IMAP mailbox',
    description: 'Reads a mailbox on a schedule; replies go out through its SMTP server.',
    fields: {
      ...EMAIL_COMMON,
      host: { label: 'IMAP host' },
      port: { label: 'IMAP port' },
      secure: { label: 'IMAP over TLS' },
      user: { label: 'IMAP user name' },
      mailbox: { label: 'Mailbox folder' },
      afterProcessing: { label: 'After reading a message', help: 'seen: mark it read; move: move it to the processed folder; none: leave it.' },
      processedFolder: { label: 'Processed folder', help: 'Required when messages are moved.' },
      pollIntervalSeconds: { label: 'Check every (seconds)' },
      saveSentCopy: { label: 'Save replies to the Sent folder' },
      sentFolder: { label: 'Sent folder' },
      tlsRejectUnauthorized: { label: 'IMAP: refuse invalid certificates' },
      password: { label: 'IMAP password' },
      smtpPassword: { label: 'SMTP password', help: 'Only when it differs from the IMAP password.' },
    },
  },
  smtp: {
    label: 'SMTP listener',
    description: 'Mail delivered to this server’s inbound SMTP port for the address.',
    fields: { ...EMAIL_COMMON, smtpPassword: { label: 'SMTP password' } },
  },
  mime: {
    label: 'Forwarded mail (MIME)',
    description: 'A mail provider POSTs each raw message (RFC 5322), signed.',
    fields: { ...EMAIL_COMMON, smtpPassword: { label: 'SMTP password' } },
  },
  twilio: {
    label: 'Twilio Voice',
    description: 'Calls on your Twilio numbers, from Twilio’s status callbacks.',
    fields: {
      accountSid: { label: 'Account SID', help: 'AC followed by 32 hex digits, from the Twilio console.' },
      callThreadWindowHours: CALL_THREAD_WINDOW,
      authToken: { label: 'Auth token', help: 'From the Twilio console; it verifies X-Twilio-Signature.' },
    },
  },
  calllog: {
    label: 'Call log',
    description: 'Any PBX or CTI system: call logs, Zammad CTI events, Asterisk CDR files.',
    fields: {
      cdrTimeZone: { label: 'PBX time zone', help: 'An IANA zone such as Europe/Berlin, for CDR files.' },
      outboundContexts: { label: 'Outbound dialplan contexts', help: 'One a line (FreePBX: from-internal).' },
      callThreadWindowHours: CALL_THREAD_WINDOW,
    },
  },
  x: {
    label: 'X',
    description: 'Mentions and direct messages of one X account (Account Activity webhook).',
    fields: {
      accountId: { label: 'Account id', help: 'The numeric user id of your support account.' },
      apiBaseUrl: { label: 'API base URL', help: 'Empty: https://api.x.com.' },
      maxEventAgeMinutes: MAX_EVENT_AGE,
      consumerSecret: { label: 'API key secret (consumer secret)', help: 'Signs X’s deliveries and answers the CRC check.' },
      accessToken: { label: 'Access token', help: 'OAuth 2.0 user token with tweet.write and dm.write, to post replies.' },
    },
  },
  mastodon: {
    label: 'Mastodon',
    description: 'Mentions of one Mastodon account, read on a schedule.',
    fields: {
      instanceUrl: { label: 'Instance URL' },
      accountId: { label: 'Account id' },
      pollIntervalSeconds: { label: 'Check every (seconds)' },
      accessToken: { label: 'Access token' },
    },
  },
  meta: {
    label: 'Facebook / Instagram',
    description: 'Page comments, mentions and Messenger, plus a linked Instagram account.',
    fields: {
      pageId: { label: 'Page id' },
      verifyToken: { label: 'Verify token', help: 'Any string of 8+ characters; type the same into the app’s webhook settings.' },
      instagramAccountId: { label: 'Instagram account id' },
      graphBaseUrl: { label: 'Graph API base URL', help: 'Empty: https://graph.facebook.com/v21.0.' },
      maxEventAgeMinutes: MAX_EVENT_AGE,
      appSecret: { label: 'App secret', help: 'Verifies X-Hub-Signature-256.' },
      pageAccessToken: { label: 'Page access token', help: 'Needed to post replies and read Instagram mentions.' },
    },
  },
  widget: {
    label: 'Chat widget',
    description: 'Live chat on your website, from one script tag.',
    fields: {
      allowedOrigins: { label: 'Allowed origins', help: 'One a line: https://shop.example or https://*.shop.example.' },
      offlineEmailAfterSeconds: { label: 'Email replies after offline for (seconds)', help: 'Empty: never.' },
    },
  },
};

function fieldType(node: JsonSchemaNode): ConnectorFieldView['type'] {
  if (node.enum) return 'choice';
  if (node.type === 'boolean') return 'boolean';
  if (node.type === 'integer' || node.type === 'number') return 'number';
  if (node.type === 'array') return 'list';
  if (node.format === 'email') return 'email';
  if (node.format === 'uri') return 'url';
  return 'text';
}

function textOf(texts: Record<string, FieldText>, provider: string, name: string): FieldText {
  const text = texts[name];
  if (!text) throw new Error(`connector provider ${provider}: no label for field ${name}`);
  return text;
}

/** The config schema's fields, nested objects flattened to `parent.child` paths in their group. */
function configFields(provider: ConnectorProvider, spec: ProviderSpec): ConnectorFieldView[] {
  // The input side: what an admin types, before defaults and transforms.
  const schema = z.toJSONSchema(spec.config, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
  const generated = new Set(Object.keys(spec.generatedConfig?.() ?? {}));
  const texts = PROVIDER_TEXTS[provider].fields;
  const walk = (node: JsonSchemaNode, prefix: string, group: string | null): ConnectorFieldView[] =>
    Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
      const name = prefix + key;
      if (generated.has(name)) return [];
      if (child.type === 'object' && child.properties) return walk(child, `${name}.`, name);
      const text = textOf(texts, provider, name);
      const value = child.default;
      return [
        {
          name,
          label: text.label,
          type: fieldType(child),
          required: (node.required ?? []).includes(key),
          secret: false,
          help: text.help ?? null,
          default: typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null,
          options: child.enum ?? null,
          group,
        },
      ];
    });
  return walk(schema, '', null);
}

function secretFields(provider: ConnectorProvider, spec: ProviderSpec): ConnectorFieldView[] {
  const texts = PROVIDER_TEXTS[provider].fields;
  const field = (name: string, required: boolean): ConnectorFieldView => {
    const text = textOf(texts, provider, name);
    return { name, label: text.label, type: 'text', required, secret: true, help: text.help ?? null, default: null, options: null, group: null };
  };
  return [...spec.requiredSecrets.map((name) => field(name, true)), ...(spec.optionalSecrets ?? []).map((name) => field(name, false))];
}

function kindOf(provider: ConnectorProvider): ChannelKind {
  const entry = Object.entries(CONNECTOR_PROVIDERS).find(([, providers]) => (providers as readonly string[]).includes(provider));
  if (!entry) throw new Error(`provider ${provider} belongs to no channel kind`);
  return entry[0] as ChannelKind;
}

/** Every provider this server runs, with the fields of its form, derived from the schemas `ConnectorsService` validates with. */
export function connectorProviderViews(): ConnectorProviderView[] {
  return (Object.entries(PROVIDERS) as Array<[ConnectorProvider, ProviderSpec]>).map(([provider, spec]) => ({
    provider,
    kind: kindOf(provider),
    label: PROVIDER_TEXTS[provider].label,
    description: PROVIDER_TEXTS[provider].description,
    fields: [...configFields(provider, spec), ...secretFields(provider, spec)],
    webhookPaths: spec.webhookPaths,
    generatedSecret: spec.generatedSecret ?? null,
  }));
}
