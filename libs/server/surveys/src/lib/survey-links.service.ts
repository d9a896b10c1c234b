import { Inject, Injectable } from '@nestjs/common';
import { SURVEY_LINK_PLACEHOLDER } from '@throughline/domain';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import type { MessageEntity } from '@throughline/server/database';
import { surveyToken } from './survey-tokens';

/** What a survey message carries in its metadata (`metadata.survey`). */
export interface SurveyMessageMeta {
  surveyId: string;
}

export function surveyOf(message: Pick<MessageEntity, 'metadata'>): SurveyMessageMeta | null {
  const survey = message.metadata['survey'] as Partial<SurveyMessageMeta> | undefined;
  return typeof survey?.surveyId === 'string' ? { surveyId: survey.surveyId } : null;
}

/** Puts the customer's link into a survey message as it is sent (the stored text keeps the placeholder). */
@Injectable()
export class SurveyLinks {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  url(surveyId: string): string {
    return `${this.config.publicUrl}/s/${surveyToken(this.config.secretsKey, surveyId)}`;
  }

  /** The message as the customer receives it: unchanged unless it is a survey with a link. */
  forSending(message: MessageEntity): MessageEntity {
    const survey = surveyOf(message);
    if (!survey || !message.text.includes(SURVEY_LINK_PLACEHOLDER)) return message;
    return Object.assign(Object.create(Object.getPrototypeOf(message) as object) as MessageEntity, message, {
      text: message.text.replace(SURVEY_LINK_PLACEHOLDER, this.url(survey.surveyId)),
    });
  }
}
