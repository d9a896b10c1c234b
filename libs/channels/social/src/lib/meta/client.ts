import { requireId, requestJson } from '../delivery';

export interface MetaGraphClientOptions {
  graphBaseUrl?: string;
  /** The Page access token (pages_manage_engagement, pages_messaging, instagram_manage_comments). */
  pageAccessToken: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

// Graph API error codes that mean "try again later" although they come with HTTP 400:
// 1/2 unknown or temporary API error, 4/17/32/613 rate limits, 341 application limit.
const TRANSIENT_GRAPH_CODES = new Set([1, 2, 4, 17, 32, 341, 613]);

function isTransientGraphError(_status: number, body: unknown): boolean {
  const error = body && typeof body === 'object' ? (body as { error?: { code?: unknown; is_transient?: unknown } }).error : undefined;
  return error?.is_transient === true || (typeof error?.code === 'number' && TRANSIENT_GRAPH_CODES.has(error.code));
}

/** Replies as the Page through the Graph API; failures throw SocialDeliveryError. */
export class MetaGraphClient {
  private readonly graphBaseUrl: string;

  constructor(private readonly options: MetaGraphClientOptions) {
    this.graphBaseUrl = (options.graphBaseUrl ?? 'https://graph.facebook.com/v21.0').replace(/\/+$/, '');
  }

  /** GET /{page-id}?fields=id,name: whether the Page token reaches the Page (the connection test). */
  async page(pageId: string): Promise<{ id: string; name?: string }> {
    const { body } = await requestJson(
      { method: 'GET', url: `${this.graphBaseUrl}/${encodeURIComponent(pageId)}?fields=id,name`, accessToken: this.options.pageAccessToken },
      { platform: 'Meta Graph API', fetch: this.options.fetch, timeoutMs: this.options.timeoutMs, isTransient: isTransientGraphError },
    );
    const page = (body && typeof body === 'object' ? body : {}) as { id?: unknown; name?: unknown };
    return { id: requireId(page.id, 'Meta Graph API', 'Page'), name: typeof page.name === 'string' ? page.name : undefined };
  }

  /** POST /{comment-id}/comments: a reply in a Facebook comment thread. */
  async replyToComment(input: { commentId: string; text: string }): Promise<{ id: string }> {
    const body = await this.post(`/${encodeURIComponent(input.commentId)}/comments`, { message: input.text });
    return { id: requireId(body['id'], 'Facebook', 'comment reply') };
  }

  /** POST /{ig-comment-id}/replies: a reply to an Instagram comment. */
  async replyToInstagramComment(input: { commentId: string; text: string }): Promise<{ id: string }> {
    const body = await this.post(`/${encodeURIComponent(input.commentId)}/replies`, { message: input.text });
    return { id: requireId(body['id'], 'Instagram', 'comment reply') };
  }

  /**
   * POST /me/messages with `messaging_type: RESPONSE`: an answer to a message the person sent,
   * allowed within Messenger's 24-hour window.
   */
  async sendMessengerMessage(input: { psid: string; text: string }): Promise<{ id: string }> {
    const body = await this.post('/me/messages', { recipient: { id: input.psid }, messaging_type: 'RESPONSE', message: { text: input.text } });
    return { id: requireId(body['message_id'], 'Messenger', 'message') };
  }

  private async post(path: string, body: unknown): Promise<Record<string, unknown>> {
    const { body: answer } = await requestJson(
      { method: 'POST', url: `${this.graphBaseUrl}${path}`, accessToken: this.options.pageAccessToken, body },
      { platform: 'Meta Graph API', fetch: this.options.fetch, timeoutMs: this.options.timeoutMs, isTransient: isTransientGraphError },
    );
    return answer && typeof answer === 'object' ? (answer as Record<string, unknown>) : {};
  }
}
