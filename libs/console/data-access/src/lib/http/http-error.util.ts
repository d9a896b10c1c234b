import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@throughline/domain';

/** A sentence for people, from anything an HttpClient call can throw. */
export function describeHttpError(error: unknown, fallback = 'Something went wrong. Try again.'): string {
  if (!(error instanceof HttpErrorResponse)) return fallback;
  if (error.status === 0) return 'Can’t reach Throughline. Check your connection and try again.';
  if (error.status >= 500) return 'Throughline had a problem answering. Try again in a moment.';
  const body = error.error as Partial<ApiError> | null;
  const message = body && typeof body === 'object' ? body.message : undefined;
  if (Array.isArray(message) && message.length > 0) return message.join('. ');
  if (typeof message === 'string' && message.length > 0) return message;
  return fallback;
}

/** The messages of a 400 or 409, one per problem (each names its field), for a form to place; null for any other failure. */
export function validationMessagesOf(error: unknown): string[] | null {
  if (!(error instanceof HttpErrorResponse) || (error.status !== 400 && error.status !== 409)) return null;
  const body = error.error as Partial<ApiError> | null;
  const message = body && typeof body === 'object' ? body.message : undefined;
  if (Array.isArray(message)) return message.map(String);
  return typeof message === 'string' && message ? [message] : null;
}
