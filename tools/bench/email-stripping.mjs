// Measures reply stripping: for every reply body with a known expected visible text, which
// candidate approach produces it. Run: node tools/bench/email-stripping.mjs
//
// Text approaches: email-reply-parser (Crisp's port of github/email_reply_parser), planer (JS
// port of mailgun/talon's quotation cutting), planer followed by email-reply-parser for
// signatures, and our stripReply (libs/channels/email, email_reply_trimmer-style line classes).
// HTML-only replies: stripReply on the text mailparser derives from the HTML (what
// normalizeInboundEmail does) against planer's HTML mode (talon's DOM quote cutting, on jsdom).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmailReplyParser from 'email-reply-parser';
import planer from 'planer';
import { JSDOM } from 'jsdom';
import { simpleParser } from 'mailparser';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
require('@swc-node/register'); // lets require() load the library's TypeScript source
const { stripReply } = require(join(root, 'libs/channels/email/src/lib/inbound/reply-stripping.ts'));

const read = (...parts) => readFileSync(join(root, ...parts), 'utf8');
const visibleText = (text) =>
  text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
const withoutWhitespace = (text) => text.replace(/\s+/g, '');

async function textCases() {
  const bodies = 'test-fixtures/reply-bodies';
  const cases = [];
  for (const name of ['embedded_email_1', 'embedded_email_2', 'forwarded_apple', 'strip', 'text_only']) {
    cases.push({
      name: `fixture/replytrimmer/${name}`,
      input: read(bodies, `replytrimmer__emails__${name}.txt`),
      expected: [read(bodies, `replytrimmer__trimmed__${name}.txt`)],
    });
  }
  // Expected values from test-fixtures/MANIFEST.md §2.
  const parserExpected = {
    email_iPhone: 'Here is another email',
    email_BlackBerry: 'Here is another email',
    email_multi_word_sent_from_my_mobile_device: 'Here is another email',
    email_sent_from_my_not_signature: 'Here is another email\n\nSent from my desk, is much easier then my mobile phone.',
    correct_sig: 'this is an email with a correct -- signature.',
    email_1_3: 'Oh thanks.\n\nHaving the function would be great.',
  };
  for (const [name, expected] of Object.entries(parserExpected)) {
    cases.push({ name: `fixture/emailreplyparser/${name}`, input: read(bodies, `emailreplyparser__${name}.txt`), expected: [expected] });
  }
  for (const name of ['apple_mail', 'iphone', 'aol', 'thunderbird']) {
    const mail = await simpleParser(readFileSync(join(root, 'test-fixtures/email', `talon__${name}.eml`)));
    cases.push({ name: `fixture/talon/${name}`, input: mail.text, expected: name === 'iphone' ? ['Hello', 'Hello\n\nSent from my iPhone'] : ['Hello'] });
  }
  const corpus = JSON.parse(read('libs/channels/email/src/lib/inbound/testdata/reply-corpus.json'));
  return { text: [...cases, ...corpus.text.map((c) => ({ ...c, name: `corpus/${c.name}` }))], html: corpus.html };
}

const replyParser = (text) => new EmailReplyParser().read(text).getVisibleText();
const textApproaches = {
  'email-reply-parser': replyParser,
  planer: (text) => planer.extractFrom(text, 'text/plain'),
  'planer + email-reply-parser': (text) => replyParser(planer.extractFrom(text, 'text/plain')),
  'stripReply (ours)': stripReply,
};

const htmlApproaches = {
  'stripReply on mailparser text (ours)': async (html) => {
    const mail = await simpleParser(Buffer.from(`Content-Type: text/html; charset=utf-8\r\n\r\n${html}`));
    return stripReply(mail.text ?? '');
  },
  'planer HTML (talon on jsdom)': async (html) => {
    const document = new JSDOM('').window.document;
    const reply = planer.extractFrom(html, 'text/html', document);
    return new JSDOM(reply).window.document.body.textContent ?? '';
  },
};

function table(title, names, rows) {
  console.log(`\n### ${title}\n`);
  console.log(`| case | ${names.join(' | ')} |`);
  console.log(`|---|${names.map(() => ':-:').join('|')}|`);
  for (const row of rows) console.log(`| ${row.name} | ${row.results.map((ok) => (ok ? '✓' : '✗')).join(' | ')} |`);
  console.log(`| **total (${rows.length})** | ${names.map((_, i) => `**${rows.filter((r) => r.results[i]).length}**`).join(' | ')} |`);
}

const { text, html } = await textCases();
const textNames = Object.keys(textApproaches);
table(
  'Plain-text replies',
  textNames,
  text.map((c) => {
    const expected = c.expected.map(visibleText);
    return { name: c.name, results: textNames.map((n) => expected.includes(visibleText(textApproaches[n](c.input)))) };
  }),
);
const htmlNames = Object.keys(htmlApproaches);
const htmlRows = [];
for (const c of html) {
  const results = [];
  for (const n of htmlNames) results.push(withoutWhitespace(await htmlApproaches[n](c.html)) === withoutWhitespace(c.expected));
  htmlRows.push({ name: `corpus/${c.name}`, results });
}
table('HTML-only replies (whitespace-insensitive, as talon compares)', htmlNames, htmlRows);
