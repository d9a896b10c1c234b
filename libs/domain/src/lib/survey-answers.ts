/**
 * What the reports read of customer surveys, and the seam between the two capabilities: the
 * surveys capability stores answers and provides a `SurveyAnswersReader` under this token; reports
 * inject it, so neither reads the other's tables.
 */
export interface SurveyAnswer {
  conversationId: string;
  /** 1–5, 4 and 5 count as satisfied. */
  csat: number | null;
  /** 1–7 ("How easy was it to get help?"). */
  ces: number | null;
  /** 0–10 ("How likely are you to recommend us?"). */
  nps: number | null;
  answeredAt: Date;
}

export interface SurveyAnswersReader {
  /** Every answer last given in [from, to), one per survey, its conversation named. */
  answersBetween(from: Date, to: Date): Promise<SurveyAnswer[]>;
}

export const SURVEY_ANSWERS_READER = 'SURVEY_ANSWERS_READER';
