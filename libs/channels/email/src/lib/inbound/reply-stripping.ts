/**
 * Reply stripping: what the sender wrote in this message, without the quoted history, the
 * attribution line introducing it, forwarded mail, and signatures.
 *
 * The approach is the one discourse/email_reply_trimmer (the trimmer Chatwoot uses) takes,
 * rewritten here with its multilingual markers: every line is classified, the classes are written
 * as one letter per line, and regular expressions over that string decide what to cut. That keeps
 * replies written below or between quotes intact, which the reverse-scanning parsers get wrong.
 * Measured against email-reply-parser and planer in reply-stripping.measure.spec.ts.
 */

const EMPTY = 'e';
const DELIMITER = 'd';
const SIGNATURE = 's';
const EMBEDDED = 'b';
const HEADER = 'h';
const QUOTE = 'q';
const TEXT = 't';

/** A line made only of separator characters: `--`, `____`, `-----`, `***`. */
const DELIMITER_LINE = /^[ \t]*[-_,=+~#*ᐧ—]+[ \t]*$/;

/**
 * Sign-offs mail clients add, which say nothing the sender wrote: a short "Sent from/with …"
 * line in the languages we meet, or one naming a device in its first words ("Sent from my cell,
 * please excuse typos"), but not a sentence such as "Sent from my desk, is much easier …".
 */
const SENT_FROM =
  '(?:Sent|Envoyé|Enviado|Inviato|Verzonden|Verstuurd|Gesendet|Sendt|Skickat|Wysłane)[ \\t]+(?:from|via|with|depuis|de|à partir de|desde|do|da|dal|met|vanaf|von|mit|fra|från|z)';
const MY = '(?:my|mon|ma|mi|meu|il mio|mijn|meinem|min|mój)';
const DEVICE =
  '(?:iPhone|iPad|iPod|phone|cell|mobile|BlackBerry|Android|Samsung|Galaxy|tablet|smartphone|Windows|Mac|device|Pixel|Nokia|Huawei|Xperia|Watch|Handy|Mobilgerät|portable|móvil|celular|telefono|telefoon)';
const MOBILE_SIGNATURES = [
  new RegExp(`^[ \\t]*[(<]*${SENT_FROM}[ \\t]+[^,;!?\\n]{1,50}$`, 'iu'),
  new RegExp(`^[ \\t]*${SENT_FROM}[ \\t]+${MY}(?:[ \\t]+[\\p{L}\\d'-]+){0,2}?[ \\t]+${DEVICE}\\b`, 'iu'),
  new RegExp(`^[ \\t]*From ${MY}(?:[ \\t]+[\\p{L}\\d'-]+){0,2}?[ \\t]+${DEVICE}\\b`, 'iu'),
  /^[ \t]*[(<]+Sent (?:from|via|with|by) [^,\n]{1,40}[)>]+$/i,
  /^[ \t]*(?:Get Outlook for|Télécharger Outlook pour|Outlook für) /i,
  /^[ \t]*Von meine[mr]? .{1,40} gesendet\.?$/iu,
  /^[ \t]*Diese Nachricht wurde von .{1,60} gesendet\.?$/iu,
  /^[ \t]*\p{L}+ from mobile\b.{0,20}$/iu,
  /^[ \t]*從我的 iPhone 傳送/u,
];

/** Links a client appends to its sign-off (`<https://…>`, `(https://…)`, markdown) do not count. */
function withoutLinks(line: string): string {
  return line.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/[ \t]*[<(]?https?:\/\/[^\s>)]*[>)]?/g, '');
}

/** A one-line `-Abhishek Kona` / `-- Tim` sign-off closing the reply. */
const NAME_SIGN_OFF = /^(?:-|--[ ]?)\p{Lu}[\p{L}.'’-]*(?:[ ]\p{Lu}[\p{L}.'’-]*){0,2}$/u;

// Attribution lines (`On <date>, <someone> wrote:`) in the languages email_reply_trimmer knows.
// They match across line breaks so a header a client wrapped over a few lines is found; see joinWrappedMarkers.
const ON_DATE_SOMEONE_WROTE = [
  /^[ \t<>-]*在 (?:(?!\b(?:在|写道)\b)[\s\S])+?写道[ \t.:>-]*$/imu,
  /^[ \t<>-]*Op (?:(?!\b(?:Op|het\svolgende\sgeschreven|schreef)\b)[\s\S])+?(?:het\svolgende\sgeschreven|schreef[^:]+)[ \t.:>-]*$/imu,
  /^[ \t<>-]*In message (?:(?!\b(?:In message|writes)\b)[\s\S])+?writes[ \t.:>-]*$/imu,
  /^[ \t<>-]*(?:On|At) (?:(?!\b(?:On|wrote|writes|says|said)\b)[\s\S])+?(?:wrote|writes|says|said)[ \t.:>-]*$/imu,
  /^[ \t<>-]*Le (?:(?!\b(?:Le|nous\sa\sdit|a\s+écrit)\b)[\s\S])+?(?:nous\sa\sdit|a\s+écrit)[ \t.:>-]*$/imu,
  /^[ \t<>-]*Am (?:(?!\b(?:Am|schrieben\sSie)\b)[\s\S])+?schrieben\sSie[ \t.:>-]*$/imu,
  /^[ \t<>-]*Am (?:(?!\b(?:Am|geschrieben)\b)[\s\S])+?(?:geschrieben|schrieb[^:]+)[ \t.:>-]*$/imu,
  /^[ \t<>-]*Il (?:(?!\b(?:Il|ha\sscritto)\b)[\s\S])+?ha\sscritto[ \t.:>-]*$/imu,
  /^[ \t<>-]*(?:Dnia|Dňa|W dniu) (?:(?!\b(?:Dnia|Dňa|napisał)\b)[\s\S])+?(?:napisał(?:\(a\))?|pisze)[ \t.:>-]*$/imu,
  /^[ \t<>-]*Em (?:(?!\b(?:Em|escreveu)\b)[\s\S])+?escreveu[ \t.:>-]*$/imu,
  /^[ \t<>-]*El (?:(?!\b(?:El|escribió)\b)[\s\S])+?escribió[ \t.:>-]*$/imu,
  /^[ \t<>-]*(?:Den|På) (?:(?!\b(?:Den|På|skrev)\b)[\s\S])+?skrev[^:\n]*:[ \t]*$/imu,
];

const ON_DATE_WROTE_SOMEONE = [
  /^[ \t>]*Op\s.+\sschreef\s[^:]+:/mu,
  /^[ \t>]*Am\s.+\sschrieb\s[^:]+:/mu,
  /^[ \t>]*Den\s.+\sskrev\s[^:]+:/mu,
  /^[ \t>]*\p{L}{2,4}\.\s.+\sskrev\s[^:]+:/mu,
];

const DATE_SOMEONE_WROTE = [/\d{4}.{1,80}пользователь.{0,80}\n?.{0,80}?написал:/mu, /\d{4}.{1,80}\n?.{0,80}?napisał\(a\):/mu, /\d{4}.{1,80}\n?.{0,80}?пише:/mu];

/** `2015-10-18 0:17 GMT+03:00 Matt Palmer <info@discourse.org>:`, `вт, 5 янв. 2016 г. в 23:39, Erlend <e@x.org>:` */
const DATE_SOMEONE_EMAIL = /\d{4}.{1,80}\s?<[^@<>]+@[^@<>.]+\.[^@<>]+>:?$/mu;

const SOMEONE_WROTE_ON_DATE = [/^.+\bwrote\b\s+\bon\b.+[^:]+:/mu, /^.+\bschrieb\b\s+\bam\b.+[^:]+:/mu];

const OTHER_EMBEDDED = [
  /^[ \t>]*20\d\d-\d\d-\d\d \d\d:\d\d GMT\+\d\d:\d\d [\p{L}\p{N}_ \t]+$/u,
  /^.+ via .+ (?:wrote|schrieb):?[ \t]*$/u,
  /^.+\b[\w.+-]+@[\w.-]+\.\w{2,}\b.+wrote:?$/u,
  // `26.06.2014, 14:41, "Alexander L" <abc@example.com [abc@example.com]>:` (a link rendered from HTML)
  /\d{4}.{1,80}\s<[^<>\n]*@[^<>\n]*>:$/u,
  /^[ \t>]*Posted by .+ on \d{2}\/\d{2}\/\d{4}$/iu,
  // Forwarded or original message markers.
  /^[ \t>]*Begin forwarded message:/i,
  /^[ \t>*]*-{2,}[ \t]*(?:Forwarded|Original|Reply) Message[ \t]*-{2,}/i,
  /^[ \t>]*Début du message transféré :/i,
  /^[ \t>*]*-{2,}[ \t]*Message transféré[ \t]*-{2,}/i,
  /^[ \t>*]*-{2,}[ \t]*Ursprüngliche Nachricht[ \t]*-{2,}/i,
  /^[ \t>*]*-{2,}[ \t]*Mensaje original[ \t]*-{2,}/i,
  /^[ \t>*]*-{2,}[ \t]*原始邮件[ \t]*-{2,}/i,
];

const EMBEDDED_MARKERS = [
  ...ON_DATE_SOMEONE_WROTE,
  ...ON_DATE_WROTE_SOMEONE,
  ...DATE_SOMEONE_WROTE,
  DATE_SOMEONE_EMAIL,
  ...SOMEONE_WROTE_ON_DATE,
  ...OTHER_EMBEDDED,
];

/** Header fields that quoted mail starts with (`From:`, `Sent:`, …), per language. */
const DATE_HEADERS = [
  'Sendt',
  'Sent',
  'Date',
  'Le',
  'Gesendet',
  'Enviada em',
  'Enviado',
  'Fecha',
  'Data',
  'Datum',
  'Skickat',
  '发送时间',
  'Отправлено',
  'Дата',
];
const TEXT_HEADERS = [
  'Fra',
  'Til',
  'Emne',
  'From',
  'To',
  'Cc',
  'Reply-To',
  'Subject',
  'De',
  'Expéditeur',
  'À',
  'Destinataire',
  'Répondre à',
  'Objet',
  'Von',
  'An',
  'Betreff',
  'Para',
  'Assunto',
  'Asunto',
  'Da',
  'Risposta',
  'A',
  'Oggetto',
  'Van',
  'Beantwoorden - Aan',
  'Aan',
  'Onderwerp',
  'Från',
  'Till',
  'Ämne',
  '发件人',
  '收件人',
  '主题',
  'От',
  'Кому',
  'Копия',
  'Тема',
];
const HEADER_LINES = [
  new RegExp(`^[ \\t*]*(?:${DATE_HEADERS.join('|')})[ \\t*]*:.*\\d+`, 'u'),
  new RegExp(`^[ \\t*]*(?:${TEXT_HEADERS.join('|')})[ \\t*]*:.*[\\p{L}\\p{N}_]+`, 'iu'),
];

const QUOTE_LINE = /^[ \t]*>/;

function classify(line: string): string {
  if (/^[ \t]*$/.test(line)) return EMPTY;
  if (DELIMITER_LINE.test(line)) return DELIMITER;
  const bare = withoutLinks(line);
  if (MOBILE_SIGNATURES.some((r) => r.test(bare))) return SIGNATURE;
  if (EMBEDDED_MARKERS.some((r) => r.test(line))) return EMBEDDED;
  if (HEADER_LINES.some((r) => r.test(line))) return HEADER;
  if (QUOTE_LINE.test(line)) return QUOTE;
  return TEXT;
}

/** Attribution headers a client wrapped over up to four lines become one line again. */
function joinWrappedMarkers(text: string): string {
  let joined = text;
  for (const marker of [...ON_DATE_SOMEONE_WROTE, ...SOMEONE_WROTE_ON_DATE, ...DATE_SOMEONE_WROTE, DATE_SOMEONE_EMAIL]) {
    const global = new RegExp(marker.source, marker.flags.includes('g') ? marker.flags : `${marker.flags}g`);
    joined = joined.replace(global, (m) => ((m.match(/\n/g)?.length ?? 0) > 4 ? m : m.replace(/\n+\s*/g, ' ')));
  }
  return joined;
}

function preprocess(text: string): string {
  return joinWrappedMarkers(
    text
      .replace(/\r\n?/g, '\n')
      // No-break and other odd spaces (French `a écrit\u00a0:`) read as plain spaces.
      .replace(/[^\S\n\t ]/gu, ' ')
      // PGP armour around a signed message is not part of what the sender wrote.
      .replace(/^-----BEGIN PGP SIGNED MESSAGE-----\n(?:Hash: \w+)?\s+/i, '')
      .replace(/^-----BEGIN PGP SIGNATURE-----$[\s\S]+^-----END PGP SIGNATURE-----/m, '')
      // Other quoting styles (`Richard> `, `| `, `>>> name >>>` blocks) become `> `.
      .replace(/^>>> ?(.+) ?>>>$\n([\s\S]+?)\n^<<< ?\1 ?<<<$/gm, (_m, _name, body: string) => body.replace(/^/gm, '> '))
      .replace(/^>{4,}[ \t]*$\n([\s\S]+?)\n^<{4,}[ \t]*$/gm, (_m, body: string) => body.replace(/^/gm, '> '))
      .replace(/^((?:[ \t]*\p{L}*[>|])+)/gmu, (prefix: string) => prefix.replace(/(\p{L}+>|\|)/gu, '>')),
  ).trim();
}

/** Lines with one class letter each, cut together. */
class MarkedLines {
  constructor(
    public pattern: string,
    public lines: string[],
  ) {}

  keepBefore(index: number): void {
    this.pattern = this.pattern.slice(0, index);
    this.lines = this.lines.slice(0, index);
  }

  removeAll(marker: string): void {
    const kept = [...this.pattern].map((m, i) => (m === marker ? -1 : i)).filter((i) => i >= 0);
    this.lines = kept.map((i) => this.lines[i]);
    this.pattern = kept.map((i) => this.pattern[i]).join('');
  }
}

/** The part of a plain-text mail body the sender wrote this time. */
export function stripReply(text: string): string {
  const { text: prepared, blocks } = hoistCodeBlocks(preprocess(text));
  if (!prepared) return '';
  const restore = (stripped: string) => blocks.reduce((result, block, i) => result.replace(codeToken(i), () => block), stripped);
  return restore(stripLines(prepared.split('\n')));
}

/** Fenced code blocks (```) are kept whole: their `#`, `--` and `>` lines are not mail structure. */
function hoistCodeBlocks(text: string): { text: string; blocks: string[] } {
  const blocks: string[] = [];
  const hoisted = text.replace(/^```[\w-]*$\n[\s\S]*?^```$/gm, (block) => codeToken(blocks.push(block) - 1));
  return { text: hoisted, blocks };
}

function codeToken(index: number): string {
  return `\u0000code-block-${index}\u0000`;
}

function stripLines(lines: string[]): string {
  const m = new MarkedLines(lines.map(classify).join(''), lines);
  let match: RegExpExecArray | null;

  // Everything after the first separator line is history or a signature.
  const delimiter = m.pattern.indexOf(DELIMITER);
  if (delimiter >= 0) m.keepBefore(delimiter);

  m.removeAll(SIGNATURE);

  // A reply written below the quoted mail (bottom-posting): only what follows it.
  if (/^b[^t]+t[et]*$/.test(m.pattern)) return finish(m.lines.slice(m.pattern.search(/t[et]*$/)));

  // An attribution not followed by a quote: everything from it on is the quoted mail.
  if ((match = /te*b[^q]*$/.exec(m.pattern))) m.keepBefore(match.index + 1);

  // An attribution followed by a long quote and at most a few lines: cut from the attribution.
  if ((match = /te*b[eqbh]*([te]*)$/.exec(m.pattern)) && [...match[1]].filter((c) => c === TEXT).length < 7) {
    m.keepBefore(match.index + 1);
  }

  // Text followed by a quote that ends the mail: drop the quote.
  if ((match = /t?e*[qbe]+$/.exec(m.pattern))) m.keepBefore(match.index + 1);

  // Attributions left sit above quotes the sender answers in between (inline replies): the quotes
  // stay as context, the attribution line goes.
  m.removeAll(EMBEDDED);

  // Quoted header fields wrapped over several lines count as header lines throughout.
  if ((match = /h+[hte]+h+e/.exec(m.pattern))) {
    const span = match[0].length;
    m.pattern = m.pattern.slice(0, match.index) + HEADER.repeat(span) + m.pattern.slice(match.index + span);
  }

  // Three header lines in a row start a quoted (Outlook-style) mail.
  if ((match = /t[eq]*h{3,}/.exec(m.pattern))) m.keepBefore(match.index + 1);

  m.removeAll(HEADER);

  // Trailing quotes after some text.
  if (m.pattern.includes(TEXT) && (match = /[eq]+$/.exec(m.pattern))) m.keepBefore(match.index);

  return finish(m.lines);
}

function finish(lines: string[]): string {
  const trimmed = lines
    .map((line) => line.trimEnd())
    .join('\n')
    .trim()
    .split('\n');
  const last = trimmed.length - 1;
  if (last >= 2 && trimmed[last - 1] === '' && NAME_SIGN_OFF.test(trimmed[last])) trimmed.splice(last - 1);
  return trimmed.join('\n').trimEnd();
}
