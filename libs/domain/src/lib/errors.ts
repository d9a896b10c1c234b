/**
 * A provider payload that can never become a message (bad JSON, missing field, unusable
 * identity). Not retried: stored as a failed raw event with this message for admins to see.
 */
export class InvalidPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPayloadError';
  }
}
