import { detectSupportSignals, noisyOr } from './support-signals';

const fired = (text: string) => detectSupportSignals(text).map(({ rule, label, evidence }) => `${rule}:${label}:${evidence}`);

describe('detectSupportSignals', () => {
  it.each([
    ['This is the third time I write', 'nth-time:annoyance:third time'],
    ['for the 4th time', 'nth-time:annoyance:4th time'],
    ['how many times do I have to ask', 'nth-time:annoyance:how many times'],
    ['It is still broken', 'still:annoyance:still broken'],
    ['It happened yet again', 'again:annoyance:yet again'],
    ['Nobody answered my email', 'no-answer:annoyance:Nobody answered'],
    ["I haven't heard back since Monday", "no-answer:annoyance:haven't heard back"],
    ['Please fix this asap', 'urgency:nervousness:asap'],
    ['This is urgent', 'urgency:nervousness:urgent'],
    ['Why is this happening???', 'repeated-question:confusion:???'],
    ['Fix it!!!', 'repeated-exclamation:annoyance:!!!'],
    ['WHY IS THIS BROKEN', 'all-caps:anger:WHY'],
    ['Still no refund, I am furious.', 'self-report:anger:I am furious'],
    ["I'm so fed up with this", "self-report:annoyance:I'm so fed up"],
    ['We are really disappointed', 'self-report:disappointment:We are really disappointed'],
    ["I'm confused by the new menu", "self-report:confusion:I'm confused"],
    ['I am getting worried about the delay', 'self-report:nervousness:I am getting worried'],
  ])('"%s" fires %s', (text, expected) => {
    expect(fired(text)).toContain(expected);
  });

  it.each([
    ['Thanks again for your help'],
    ['I emailed the PDF to the API team'],
    ['It works, thank you'],
    ['I ran it 5 times faster'],
    ['The angry bird plush arrived today'],
    ['I am not worried at all'],
  ])('"%s" fires no strong or misleading cue', (text) => {
    expect(detectSupportSignals(text).filter((signal) => signal.strength >= 0.4 || signal.rule === 'all-caps')).toEqual([]);
  });

  it('weighs a few capitalised words weakly and a shouted message strongly', () => {
    const strength = (text: string) => detectSupportSignals(text).find((s) => s.rule === 'all-caps' && s.label === 'anger')?.strength;
    expect(strength('This is NOT ok')).toBe(0.1);
    expect(strength('THIS IS NOT OK AT ALL')).toBe(0.3);
  });

  it('keeps one signal per rule and label, the strongest', () => {
    const still = detectSupportSignals('still waiting, still broken, still').filter((s) => s.rule === 'still');
    expect(still).toEqual([
      {
        rule: 'still',
        label: 'annoyance',
        strength: 0.45,
        evidence: 'still waiting',
      },
    ]);
  });

  it('treats "today" alone as a weak cue', () => {
    expect(detectSupportSignals('I ordered it today')).toEqual([
      {
        rule: 'urgency',
        label: 'nervousness',
        strength: 0.1,
        evidence: 'today',
      },
    ]);
  });
});

describe('noisyOr', () => {
  it('is the chance that at least one independent cue is right', () => {
    expect(noisyOr([])).toBe(0);
    expect(noisyOr([0.5])).toBe(0.5);
    expect(noisyOr([0.5, 0.5])).toBe(0.75);
  });
});
