export * from './lib/emotions/labels';
export * from './lib/emotions/emotion-model';
export * from './lib/emotions/default-model';
export * from './lib/emotions/lexicon';
export * from './lib/emotions/support-signals';
export * from './lib/emotions/analyze-text';
export * from './lib/sentiment/sentiment';
export * from './lib/text/emotion-features';
