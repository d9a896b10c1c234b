import { isTransientError } from './transient-errors';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isTransientError', () => {
  it.each([
    ['PostgreSQL refusing connections', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a dropped pg connection', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    ['PostgreSQL shutting down (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['a deadlock (40P01)', withCode('deadlock detected', '40P01')],
    ['ioredis after a disconnect', new Error('Connection is closed.')],
    ['a TypeORM QueryFailedError around a network error', Object.assign(new Error('query failed'), { driverError: withCode('read ECONNRESET', 'ECONNRESET') })],
    [
      'a fetch failure whose cause is a refused connection',
      Object.assign(new TypeError('fetch failed'), { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') }),
    ],
    ['an error that says it is retryable (a provider 503)', Object.assign(new Error('X answered 503'), { retryable: true })],
  ])('should retry %s', (_what, err) => {
    expect(isTransientError(err)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', withCode('duplicate key value violates unique constraint', '23505')],
    ['a malformed value (22P02)', withCode('invalid input syntax for type uuid', '22P02')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['an error marked not retryable', Object.assign(new Error('X answered 403'), { retryable: false })],
    ['a thrown string', 'boom'],
    ['nothing', undefined],
  ])('should not retry %s through the whole schedule', (_what, err) => {
    expect(isTransientError(err)).toBe(false);
  });

  it('should stop looking through causes that refer to each other', () => {
    const a: { message: string; cause?: unknown } = { message: 'a' };
    a.cause = a;
    expect(isTransientError(a)).toBe(false);
  });
});
