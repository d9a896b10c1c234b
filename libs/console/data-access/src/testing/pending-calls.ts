import { HttpErrorResponse } from '@angular/common/http';
import { type Observable, Subject } from 'rxjs';

/**
 * A fake API method whose every call stays pending until the spec answers it, so specs decide
 * the order in which answers and live events arrive.
 */
export class PendingCalls<TArgs extends unknown[], TResult> {
  readonly calls: { args: TArgs; response: Subject<TResult> }[] = [];
  readonly fn = jest.fn((...args: TArgs): Observable<TResult> => {
    const response = new Subject<TResult>();
    this.calls.push({ args, response });
    return response.asObservable();
  });

  get last(): { args: TArgs; response: Subject<TResult> } {
    return this.calls[this.calls.length - 1];
  }

  /** Answers call `index` (the latest when omitted) and lets the awaiting code run. */
  async respond(value: TResult, index = this.calls.length - 1): Promise<void> {
    this.calls[index].response.next(value);
    this.calls[index].response.complete();
    await settle();
  }

  /** Fails call `index` (the latest when omitted) with an HTTP error of `status`, with the API's error `body` if given. */
  async fail(status: number, index = this.calls.length - 1, body?: unknown): Promise<void> {
    this.calls[index].response.error(new HttpErrorResponse({ status, statusText: 'x', url: '/api', error: body }));
    await settle();
  }
}

/** Lets promise chains started by an answer run to their end. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
