import { EmotionModel, loadEmotionModel } from './emotion-model';

let defaultModel: EmotionModel | undefined;

/** The shipped GoEmotions model, validated and indexed on first use (not at import: most importers never score). */
export function defaultEmotionModel(): EmotionModel {
  // A plain require keeps the JSON out of every app's TypeScript settings and is bundled by webpack.
  defaultModel ??= loadEmotionModel(require('./model/goemotions-model.json'));
  return defaultModel;
}
