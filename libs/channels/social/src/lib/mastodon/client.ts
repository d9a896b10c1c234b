import { createHash } from 'node:crypto';
import { requireId, requestJson } from '../delivery';
import { parseMastodonNotifications, type MastodonNotification } from './notifications';

export interface MastodonClientOptions {
  instanceUrl: string;
  /** A user token of the connector's account (read:notifications, write:statuses). */
  accessToken: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Mastodon's maximum page size for notifications. */
const MAX_LIMIT = 80;

export class MastodonClient {
  private readonly instanceUrl: string;

  constructor(private readonly options: MastodonClientOptions) {
    this.instanceUrl = options.instanceUrl.replace(/\/+$/, '');
  }

  /**
   * The mentions newer than `sinceId`, oldest first, and the id to pass next time.
   *
   * GET /api/v1/notifications?types[]=mention&since_id=…&limit=… answers the *newest* page above
   * since_id, newest first. When a page comes back full there may be more between it and since_id,
   * so the older pages are walked with `max_id` (Mastodon's documented "next" pagination, which it
   * combines with since_id) until a page comes back short: nothing in between is skipped. We build
   * those URLs ourselves rather than following the Link header, whose "next" link drops
   * since_id. Without `sinceId` (a first poll) only the newest page is fetched, not the history.
   */
  async fetchMentionsSince(sinceId?: string, limit = 40): Promise<{ notifications: MastodonNotification[]; newestId?: string }> {
    const pageSize = Math.min(Math.max(Math.trunc(limit), 1), MAX_LIMIT);
    const newestFirst: MastodonNotification[] = [];
    let maxId: string | undefined;
    for (;;) {
      const query = new URLSearchParams({ 'types[]': 'mention', limit: String(pageSize) });
      if (sinceId) query.set('since_id', sinceId);
      if (maxId) query.set('max_id', maxId);
      const { body } = await requestJson(
        { method: 'GET', url: `${this.instanceUrl}/api/v1/notifications?${query}`, accessToken: this.options.accessToken },
        { platform: 'Mastodon', fetch: this.options.fetch, timeoutMs: this.options.timeoutMs },
      );
      const page = parseMastodonNotifications(body ?? []);
      newestFirst.push(...page);
      const oldest = page[page.length - 1]?.id;
      if (!sinceId || page.length < pageSize || !oldest || oldest === maxId) break;
      maxId = oldest;
    }
    return { newestId: newestFirst[0]?.id, notifications: newestFirst.reverse() };
  }

  /** GET /api/v1/accounts/verify_credentials: whose token this is (the connection test). */
  async verifyCredentials(): Promise<{ id: string; acct?: string }> {
    const { body } = await requestJson(
      { method: 'GET', url: `${this.instanceUrl}/api/v1/accounts/verify_credentials`, accessToken: this.options.accessToken },
      { platform: 'Mastodon', fetch: this.options.fetch, timeoutMs: this.options.timeoutMs },
    );
    const account = (body && typeof body === 'object' ? body : {}) as { id?: unknown; acct?: unknown };
    return { id: requireId(account.id, 'Mastodon', 'account'), acct: typeof account.acct === 'string' ? account.acct : undefined };
  }

  /**
   * POST /api/v1/statuses answering a status with the same visibility (a reply to a direct mention
   * must stay direct). Mastodon only notifies the people the text @mentions, so start `text` with
   * the author's `@acct`. The Idempotency-Key (default: derived from the reply) makes a retried
   * delivery return the status already posted instead of posting it twice.
   */
  async postReply(input: { text: string; inReplyToId: string; visibility: string; idempotencyKey?: string }): Promise<{ id: string; url?: string }> {
    const idempotencyKey = input.idempotencyKey ?? createHash('sha256').update(`${input.inReplyToId}\n${input.text}`).digest('hex');
    const { body } = await requestJson(
      {
        method: 'POST',
        url: `${this.instanceUrl}/api/v1/statuses`,
        accessToken: this.options.accessToken,
        headers: { 'idempotency-key': idempotencyKey },
        body: { status: input.text, in_reply_to_id: input.inReplyToId, visibility: input.visibility },
      },
      { platform: 'Mastodon', fetch: this.options.fetch, timeoutMs: this.options.timeoutMs },
    );
    const status = (body && typeof body === 'object' ? body : {}) as { id?: unknown; url?: unknown };
    return { id: requireId(status.id, 'Mastodon', 'reply'), url: typeof status.url === 'string' ? status.url : undefined };
  }
}
