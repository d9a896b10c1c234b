import type { MessageView } from '@throughline/domain';

/** What the console shows of `metadata.call` (written by the phone channel). */
export interface CallDetails {
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  outcome: string;
  durationSeconds: number | null;
  recordingUrl: string | null;
  transcript: string | null;
  agent: string | null;
  notes: string | null;
  callbackRequested: boolean;
}

/** What the console shows of `metadata.social` (written by the social channel). */
export interface MentionDetails {
  platform: string;
  kind: string;
  postUrl: string | null;
  handle: string | null;
  displayName: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);
const record = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/** Only http(s) links are rendered as links; anything else a provider sent is shown as text. */
export function safeLink(value: unknown): string | null {
  const url = text(value);
  return url && /^https?:\/\//i.test(url) ? url : null;
}

export function callDetailsOf(message: MessageView): CallDetails | null {
  const call = record(message.metadata['call']);
  if (!call) return null;
  return {
    direction: call['direction'] === 'outbound' ? 'outbound' : 'inbound',
    from: text(call['from']) ?? 'unknown',
    to: text(call['to']) ?? 'unknown',
    outcome: text(call['outcome']) ?? 'unknown',
    durationSeconds: typeof call['durationSeconds'] === 'number' ? call['durationSeconds'] : null,
    recordingUrl: safeLink(call['recordingUrl']),
    transcript: text(call['transcript']),
    agent: text(call['agent']),
    notes: text(call['notes']),
    callbackRequested: call['callbackRequested'] === true,
  };
}

export function mentionDetailsOf(message: MessageView): MentionDetails | null {
  const social = record(message.metadata['social']);
  if (!social) return null;
  return {
    platform: text(social['platform']) ?? 'social',
    kind: text(social['kind']) ?? 'mention',
    postUrl: safeLink(social['postUrl']),
    handle: text(social['handle']),
    displayName: text(social['displayName']),
  };
}

/** "4 min 05 s", "58 s", "1 h 02 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** "2.4 MB", "812 KB", "120 B". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Whether the stripped text hides something (quoted history or a signature) worth a toggle. */
export function hasHiddenQuote(message: MessageView): boolean {
  return message.strippedText !== null && message.strippedText.trim() !== message.text.trim();
}

/** The email addresses of a header in `metadata.email` (`[{ name, address }]`), as text. */
export function emailAddressesOf(message: MessageView, header: 'from' | 'to' | 'cc'): string | null {
  const email = record(message.metadata['email']);
  const list = email?.[header];
  if (!Array.isArray(list) || !list.length) return null;
  return list
    .map((entry) => {
      const r = record(entry);
      const name = text(r?.['name']);
      const address = text(r?.['address']);
      return name && address ? `${name} <${address}>` : (address ?? name ?? '');
    })
    .filter(Boolean)
    .join(', ');
}

/** Why an entry is flagged as automatic mail (auto-reply, bounce), or null. */
export function automatedLabelOf(message: MessageView): string | null {
  const automated = record(message.metadata['automated']);
  if (!automated) return null;
  const kind = text(automated['kind']);
  return kind === 'bounce' ? 'Bounce' : 'Automatic reply';
}
