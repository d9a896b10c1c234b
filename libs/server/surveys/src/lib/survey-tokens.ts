import { createHash, createHmac } from 'node:crypto';

/**
 * A survey's link token: derived from its id under the server's secrets key, so it is never stored
 * (the table keeps its SHA-256 to find the survey) and a retried delivery puts the same link in.
 */
export function surveyToken(secretsKey: Buffer, surveyId: string): string {
  return createHmac('sha256', secretsKey).update(`survey:${surveyId}`).digest('base64url');
}

export function surveyTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Tokens are 43 base64url characters; anything else is not one of ours (404 without a lookup). */
export const SURVEY_TOKEN = /^[A-Za-z0-9_-]{43}$/;
