import type { NextFunction, Request, Response } from 'express';

/**
 * Body-parser failures happen before Nest routing, so Nest's exception layer never sees them;
 * answer them in the API's error shape instead of Express's HTML page.
 */
export function bodyParserErrors() {
  return (err: { type?: string; status?: number; message?: string; limit?: number }, _req: Request, res: Response, next: NextFunction): void => {
    if (!err?.type || typeof err.status !== 'number') return next(err);
    const message =
      err.type === 'entity.too.large'
        ? `body is larger than the limit of ${err.limit} bytes`
        : err.type === 'entity.parse.failed'
          ? `body is not valid JSON: ${err.message}`
          : (err.message ?? 'unreadable body');
    const error = err.status === 413 ? 'Payload Too Large' : err.status === 415 ? 'Unsupported Media Type' : 'Bad Request';
    res.status(err.status).json({ statusCode: err.status, error, message });
  };
}
