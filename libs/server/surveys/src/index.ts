export * from './lib/surveys.module';
export * from './lib/survey-scheduler.service';
export * from './lib/survey-answers.service';
export * from './lib/survey-links.service';
export * from './lib/surveys.repository';
export * from './lib/survey-sender.service';
