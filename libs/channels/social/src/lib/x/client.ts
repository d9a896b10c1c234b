import { requireId, requestJson } from '../delivery';

export interface XClientOptions {
  apiBaseUrl?: string;
  /** An OAuth 2.0 user-context token of the connector's account (tweet.write, dm.write). */
  accessToken: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Replies as the connector's account through X API v2; failures throw SocialDeliveryError. */
export class XClient {
  private readonly apiBaseUrl: string;

  constructor(private readonly options: XClientOptions) {
    this.apiBaseUrl = (options.apiBaseUrl ?? 'https://api.x.com').replace(/\/+$/, '');
  }

  /** GET /2/users/me: whose token this is (the connection test). */
  async me(): Promise<{ id: string; username?: string }> {
    const { body } = await requestJson(
      { method: 'GET', url: `${this.apiBaseUrl}/2/users/me`, accessToken: this.options.accessToken },
      { platform: 'X', fetch: this.options.fetch, timeoutMs: this.options.timeoutMs },
    );
    const data = dataOf(body);
    return { id: requireId(data['id'], 'X', 'user'), username: typeof data['username'] === 'string' ? data['username'] : undefined };
  }

  /** POST /2/tweets with `reply.in_reply_to_tweet_id`: a public reply in the post's thread. */
  async replyToPost(input: { text: string; inReplyToId: string }): Promise<{ id: string }> {
    const { body } = await this.post('/2/tweets', { text: input.text, reply: { in_reply_to_tweet_id: input.inReplyToId } });
    return { id: requireId(dataOf(body)['id'], 'X', 'post') };
  }

  /** POST /2/dm_conversations/with/:participant_id/messages: a direct message to one user. */
  async sendDirectMessage(input: { participantId: string; text: string }): Promise<{ id: string; conversationId?: string }> {
    const { body } = await this.post(`/2/dm_conversations/with/${encodeURIComponent(input.participantId)}/messages`, { text: input.text });
    const data = dataOf(body);
    const conversationId = data['dm_conversation_id'];
    return { id: requireId(data['dm_event_id'], 'X', 'direct message'), conversationId: typeof conversationId === 'string' ? conversationId : undefined };
  }

  private post(path: string, body: unknown) {
    return requestJson(
      { method: 'POST', url: `${this.apiBaseUrl}${path}`, accessToken: this.options.accessToken, body },
      { platform: 'X', fetch: this.options.fetch, timeoutMs: this.options.timeoutMs },
    );
  }
}

/** X v2 wraps results in `{ data: … }`. */
function dataOf(body: unknown): Record<string, unknown> {
  const data = body && typeof body === 'object' ? (body as { data?: unknown }).data : undefined;
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}
