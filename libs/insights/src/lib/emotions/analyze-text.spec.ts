import { analyzeText } from './analyze-text';
import { defaultEmotionModel } from './default-model';
import { SUPPORT_EMOTIONS } from './labels';

const labelsOf = (text: string) => analyzeText(text).emotions.map((emotion) => emotion.label);

describe('the shipped model', () => {
  it('loads once and records how it was trained', () => {
    const model = defaultEmotionModel();
    expect(defaultEmotionModel()).toBe(model);
    expect(model.labels).toHaveLength(28);
    expect(model.training).toEqual(
      expect.objectContaining({
        trainedAt: expect.any(String),
        data: [
          expect.objectContaining({
            file: 'train.tsv',
            sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          }),
        ],
      }),
    );
  });

  it.each([
    ['Thank you so much for your help!', 'gratitude'],
    ['I am so angry, this is unacceptable', 'anger'],
    ["I'm really disappointed with the service", 'disappointment'],
    ["I don't understand how the invoice works", 'confusion'],
    ["I'm worried my payment didn't go through", 'nervousness'],
    ['I am scared someone has access to my account', 'fear'],
    ['Yay, it works, I am so happy', 'joy'],
  ])('reads "%s" as %s', (text, label) => {
    expect(labelsOf(text)[0]).toBe(label);
  });
});

describe('analyzeText', () => {
  it('reads an angry repeat message as annoyed, with the words that show it', () => {
    const feelings = analyzeText("This is the THIRD time I'm writing, still broken!!");
    expect(feelings.sentiment.label).toBe('negative');
    const hostile = feelings.emotions.find((emotion) => emotion.label === 'annoyance' || emotion.label === 'anger');
    expect(hostile?.score).toBeGreaterThan(0.5);
    expect(hostile?.evidence).toEqual(expect.arrayContaining(['THIRD time', 'still broken', '!!']));
  });

  it('reads "thanks, that fixed it!" as grateful and nothing negative', () => {
    const feelings = analyzeText('thanks, that fixed it!');
    expect(feelings.sentiment.label).toBe('positive');
    expect(feelings.emotions[0]).toEqual(
      expect.objectContaining({
        label: 'gratitude',
        evidence: expect.arrayContaining(['thanks']),
      }),
    );
    expect(feelings.emotions.map((emotion) => emotion.label)).not.toEqual(expect.arrayContaining(['anger']));
    expect(labelsOf('thanks, that fixed it!')).not.toContain('annoyance');
  });

  it('reads a product question as calm', () => {
    const feelings = analyzeText('how do I speed up our workflow?');
    expect(feelings.sentiment.label).toBe('neutral');
    expect(feelings.emotions.map((emotion) => emotion.label)).toContain('curiosity');
    expect(feelings.emotions.map((emotion) => emotion.label)).not.toEqual(expect.arrayContaining(['anger']));
    expect(labelsOf('how do I speed up our workflow?')).not.toContain('annoyance');
  });

  it('turns urgency words into nervousness, quoting them', () => {
    const feelings = analyzeText('I need the invoice ASAP, the deadline is tomorrow');
    expect(feelings.emotions).toContainEqual(
      expect.objectContaining({
        label: 'nervousness',
        evidence: expect.arrayContaining(['ASAP', 'deadline']),
      }),
    );
  });

  it('reports only support emotions, strongest first, with scores in 0..1', () => {
    const { emotions } = analyzeText('Thanks, I love it, what a relief!!! But why is the invoice so confusing?');
    expect(emotions.length).toBeGreaterThan(1);
    for (const emotion of emotions) {
      expect(SUPPORT_EMOTIONS).toContain(emotion.label);
      expect(emotion.score).toBeGreaterThanOrEqual(0);
      expect(emotion.score).toBeLessThanOrEqual(1);
    }
    expect(emotions.map((emotion) => emotion.score)).toEqual([...emotions.map((emotion) => emotion.score)].sort((a, b) => b - a));
  });

  it('gives an empty text no emotions and a neutral sentiment', () => {
    expect(analyzeText('')).toEqual({
      sentiment: { score: 0, label: 'neutral' },
      emotions: [],
    });
  });
});
