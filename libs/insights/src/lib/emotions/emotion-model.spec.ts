import {
  EMOTION_FEATURES_VERSION,
  EMOTION_MODEL_FORMAT,
  EmotionModelJson,
  InvalidEmotionModelError,
  loadEmotionModel,
  scoreEmotionLabels,
} from './emotion-model';

/** Two labels over a four-word vocabulary: "thanks" means gratitude, "angry" and "so angry" mean anger. */
function tinyModel(): EmotionModelJson {
  return {
    format: EMOTION_MODEL_FORMAT,
    features: EMOTION_FEATURES_VERSION,
    training: { note: 'hand-made for tests' },
    vocabulary: ['angry', 'so angry', 'thanks', 'the'],
    labels: [
      {
        name: 'gratitude',
        bias: -3,
        scale: 0.1,
        weights: [2, 100, 3, -5],
        calibration: { a: 1, b: 0 },
        threshold: 0.5,
      },
      {
        name: 'anger',
        bias: -3,
        scale: 0.1,
        weights: [0, 80, 1, 40],
        calibration: { a: 1, b: 0 },
        threshold: 0.5,
      },
    ],
  };
}

describe('loadEmotionModel', () => {
  it('loads a valid model and scores with its weights, evidence strongest first', () => {
    const model = loadEmotionModel(tinyModel());
    const [gratitude, anger] = scoreEmotionLabels(model, 'I am so angry');
    expect(gratitude.label).toBe('gratitude');
    expect(gratitude.probability).toBeLessThan(0.1);
    // features: i, am, so, angry, "i am", "am so", "so angry" → each 1/sqrt(7); logit -3 + (8 + 4)/sqrt(7)
    expect(anger.probability).toBeCloseTo(1 / (1 + Math.exp(-(-3 + 12 / Math.sqrt(7)))), 10);
    expect(anger.evidence).toEqual(['angry', 'so angry']);
  });

  it('applies the calibration to the logit', () => {
    const json = tinyModel();
    json.labels[0].calibration = { a: 2, b: 1 };
    const [gratitude] = scoreEmotionLabels(loadEmotionModel(json), 'thanks');
    // "thanks" is the only feature: logit = -3 + 10
    expect(gratitude.probability).toBeCloseTo(1 / (1 + Math.exp(-(2 * 7 + 1))), 10);
  });

  it.each([
    ['not an object', 'nonsense', '(root)'],
    ['a wrong format', { ...tinyModel(), format: 'something-else' }, 'format'],
    ['features from another tokenizer version', { ...tinyModel(), features: 'unigram/v0' }, 'features'],
    ['an unknown label', { ...tinyModel(), labels: [{ ...tinyModel().labels[0], name: 'rage' }] }, 'labels.0.name'],
    [
      'an odd weights array',
      {
        ...tinyModel(),
        labels: [{ ...tinyModel().labels[0], weights: [1, 2, 3] }],
      },
      'labels.0.weights',
    ],
    [
      'a vocabulary index out of range',
      {
        ...tinyModel(),
        labels: [{ ...tinyModel().labels[0], weights: [9, 2] }],
      },
      'out of range',
    ],
    [
      'a threshold above 1',
      {
        ...tinyModel(),
        labels: [{ ...tinyModel().labels[0], threshold: 1.5 }],
      },
      'labels.0.threshold',
    ],
    [
      'a duplicate label',
      {
        ...tinyModel(),
        labels: [tinyModel().labels[0], tinyModel().labels[0]],
      },
      'duplicate label "gratitude"',
    ],
    ['no vocabulary', { ...tinyModel(), vocabulary: undefined }, 'vocabulary'],
  ])('rejects a model with %s, naming the problem', (_, json, mentioned) => {
    expect(() => loadEmotionModel(json)).toThrow(InvalidEmotionModelError);
    expect(() => loadEmotionModel(json)).toThrow(mentioned);
  });
});
