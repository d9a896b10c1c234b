import { pitchFor } from './pitch';

describe('pitchFor', () => {
  it('names the product with the first sentence of its description', () => {
    expect(
      pitchFor({
        name: 'Workflow Automation',
        description: 'Automate repetitive steps and speed up your team. Includes 50 templates.',
      }),
    ).toBe('Workflow Automation might help here: Automate repetitive steps and speed up your team.');
  });

  it('ends a description without punctuation with a full stop, and copes with none', () => {
    expect(pitchFor({ name: 'Pro', description: '  Faster   sync ' })).toBe('Pro might help here: Faster sync.');
    expect(pitchFor({ name: 'Pro', description: '' })).toBe('Pro might help here.');
  });

  it('cuts a long first sentence at a word', () => {
    const pitch = pitchFor({
      name: 'Pro',
      description: `${'speedy '.repeat(40)}end.`,
    });
    expect(pitch).toMatch(/^Pro might help here: (speedy )+speedy…$/);
    expect(pitch.length).toBeLessThan(200);
  });

  it('does not split a sentence on a decimal point', () => {
    expect(pitchFor({ name: 'Pro', description: 'Syncs 2.5x faster. More.' })).toBe('Pro might help here: Syncs 2.5x faster.');
  });
});
