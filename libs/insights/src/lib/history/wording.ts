/** Words for reasons an agent reads at a glance: channels, moments, durations, ordinals. */

const CHANNEL_NAMES: Readonly<Record<string, string>> = {
  x: 'X',
  twitter: 'X',
  mastodon: 'Mastodon',
  meta: 'Facebook',
  facebook: 'Facebook',
  instagram: 'Instagram',
  generic: 'web form',
};

const CHANNEL_VERBS: Readonly<Record<string, string>> = {
  email: 'emailed',
  phone: 'called',
  call: 'called',
  chat: 'chatted',
  x: 'tweeted',
  twitter: 'tweeted',
  social: 'posted on social media',
  mastodon: 'posted on Mastodon',
  meta: 'wrote on Facebook',
  facebook: 'wrote on Facebook',
  instagram: 'wrote on Instagram',
};

export function channelName(channel: string): string {
  return CHANNEL_NAMES[channel.toLowerCase()] ?? channel;
}

/** "emailed", "tweeted", … for "emailed Mon 09:12, no answer for 26 h, then tweeted". */
export function channelVerb(channel: string): string {
  return CHANNEL_VERBS[channel.toLowerCase()] ?? `wrote via ${channelName(channel)}`;
}

const ORDINALS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

export function ordinal(n: number): string {
  if (ORDINALS[n]) return ORDINALS[n];
  const lastTwo = n % 100;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "Mon 09:12" in the given time zone (UTC unless the deployment says otherwise). */
export function formatMoment(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('hour')}:${part('minute')}`;
}

const HOUR = 3_600_000;

export function hoursBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / HOUR;
}

/** "40 min", "26 h", "3 days". */
export function formatDuration(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  return `${Math.round(hours / 24)} days`;
}

/** "26 hours" / "3 days", for sentences a customer reads. */
export function spellDuration(hours: number): string {
  if (hours < 1) return 'less than an hour';
  if (hours < 48) {
    const rounded = Math.round(hours);
    return rounded === 1 ? 'an hour' : `${rounded} hours`;
  }
  return `${Math.round(hours / 24)} days`;
}
