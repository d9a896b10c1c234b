import { quote, tokenize } from '../text/emotion-features';
import { SupportEmotion } from './labels';

/**
 * A small hand-written support lexicon: words and phrases that name or plainly show each emotion in
 * customer messages. Written from support experience, not fitted to any data split, so it is a fair
 * baseline for the trained model; `analyzeText` also quotes its hits as evidence.
 */
export const SUPPORT_LEXICON: Readonly<Record<SupportEmotion, readonly string[]>> = {
  anger: [
    'angry',
    'anger',
    'furious',
    'fuming',
    'livid',
    'outraged',
    'outrageous',
    'infuriating',
    'infuriated',
    'pissed',
    'rage',
    'hate',
    'hated',
    'unacceptable',
    'ridiculous',
    'absurd',
    'scam',
    'rip off',
    'ripoff',
    'fraud',
    'fed up',
    'sick of',
    'wtf',
    'disgrace',
    'disgraceful',
    'appalling',
    'incompetent',
    'useless',
    'worst',
    'how dare',
  ],
  annoyance: [
    'annoying',
    'annoyed',
    'irritating',
    'irritated',
    'frustrating',
    'frustrated',
    'frustration',
    'ugh',
    'come on',
    'seriously',
    'yet again',
    'once again',
    'tired of',
    'waste of time',
    'wasted',
    'hassle',
    'inconvenient',
    'inconvenience',
    'how many times',
    'no reply',
    'no response',
    'no answer',
    'still waiting',
    'not again',
  ],
  disappointment: [
    'disappointed',
    'disappointing',
    'disappointment',
    'let down',
    'let me down',
    'expected better',
    'expected more',
    'unfortunately',
    'shame',
    'not happy',
    'underwhelming',
    'not what i expected',
    'used to be',
    'not good enough',
  ],
  confusion: [
    'confused',
    'confusing',
    "don't understand",
    'dont understand',
    'do not understand',
    "doesn't make sense",
    'makes no sense',
    'unclear',
    'not sure',
    'what do you mean',
    'puzzled',
    'no idea',
    'huh',
    "i don't get",
    'how come',
    'which one',
  ],
  curiosity: [
    'how do',
    'how can',
    'how does',
    'how to',
    'is it possible',
    'is there',
    'wondering',
    'curious',
    'i wonder',
    'any way',
    'what is',
    'can i',
    'could you tell',
  ],
  nervousness: [
    'worried',
    'worry',
    'worrying',
    'nervous',
    'anxious',
    'anxiety',
    'urgent',
    'urgently',
    'asap',
    'as soon as possible',
    'deadline',
    'right away',
    'immediately',
    'stressed',
    'stressful',
    'time sensitive',
    'running out',
    'concerned',
  ],
  fear: ['afraid', 'scared', 'fear', 'terrified', 'frightened', 'panic', 'panicking', 'unsafe', 'hacked', 'stolen'],
  sadness: ['sad', 'sadly', 'unhappy', 'upset', 'heartbroken', 'miserable', 'devastated', 'crying', 'depressing'],
  gratitude: ['thanks', 'thank', 'thankyou', 'thx', 'ty', 'appreciate', 'appreciated', 'grateful', 'cheers', 'kudos'],
  joy: ['happy', 'glad', 'great', 'awesome', 'love', 'amazing', 'wonderful', 'fantastic', 'excellent', 'delighted', 'yay', 'perfect'],
  relief: ['relieved', 'relief', 'phew', 'whew', 'finally', 'fixed it', 'works now', 'working now', 'sorted', 'resolved', 'back to normal'],
};

const phraseTokens = (phrase: string) => tokenize(phrase).map((token) => token.norm);
const LEXICON_ENTRIES = (Object.entries(SUPPORT_LEXICON) as Array<[SupportEmotion, readonly string[]]>).map(([label, phrases]) => ({
  label,
  phrases: phrases.map(phraseTokens),
}));

/** The lexicon phrases found in the text, per emotion, as the customer wrote them. */
export function lexiconHits(text: string): Map<SupportEmotion, string[]> {
  const tokens = tokenize(text);
  const norms = tokens.map((token) => token.norm);
  const hits = new Map<SupportEmotion, string[]>();
  for (const { label, phrases } of LEXICON_ENTRIES) {
    const found: string[] = [];
    for (const phrase of phrases) {
      for (let start = 0; start + phrase.length <= norms.length; start++) {
        if (phrase.every((word, offset) => norms[start + offset] === word)) {
          found.push(quote(text, tokens.slice(start, start + phrase.length)));
          break;
        }
      }
    }
    if (found.length) hits.set(label, found);
  }
  return hits;
}
