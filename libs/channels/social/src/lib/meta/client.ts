import { requireId, requestJson, SocialDeliveryError } from '../delivery';
import type { InstagramMentionDetails } from './instagram-mentions';

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
    const page = (await this.get(`/${encodeURIComponent(pageId)}?fields=id,name`)) as { id?: unknown; name?: unknown };
    return { id: requireId(page.id, 'Meta Graph API', 'Page'), name: typeof page.name === 'string' ? page.name : undefined };
  }

  /**
   * GET /{ig-user-id}?fields=mentioned_comment.comment_id(…) or mentioned_media.media_id(…): the
   * comment or caption an Instagram `mentions` webhook names only by id (the only way to read a
   * comment we do not own). Author: the comment's `from`, the media's `owner`.
   */
  async instagramMention(input: { igUserId: string; mediaId: string; commentId?: string }): Promise<InstagramMentionDetails> {
    const field = input.commentId
      ? `mentioned_comment.comment_id(${input.commentId}){id,text,timestamp,username,from{id,username},media{id,permalink}}`
      : `mentioned_media.media_id(${input.mediaId}){id,caption,timestamp,username,owner{id},permalink}`;
    const body = await this.get(`/${encodeURIComponent(input.igUserId)}?fields=${encodeURIComponent(field)}`);
    const found = body[input.commentId ? 'mentioned_comment' : 'mentioned_media'];
    if (!found || typeof found !== 'object')
      throw new SocialDeliveryError('Meta Graph API answered without the mentioned comment or media', { permanent: true });
    const item = found as {
      text?: unknown;
      caption?: unknown;
      timestamp?: unknown;
      username?: unknown;
      permalink?: unknown;
      from?: { id?: unknown; username?: unknown };
      owner?: { id?: unknown };
      media?: { permalink?: unknown };
    };
    const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
    return {
      text: str(item.text) ?? str(item.caption) ?? '',
      authorId: str(item.from?.id) ?? str(item.owner?.id),
      username: str(item.from?.username) ?? str(item.username),
      permalink: str(item.permalink) ?? str(item.media?.permalink),
      timestamp: str(item.timestamp),
    };
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

  private async get(path: string): Promise<Record<string, unknown>> {
    const { body } = await requestJson(
      { method: 'GET', url: `${this.graphBaseUrl}${path}`, accessToken: this.options.pageAccessToken },
      { platform: 'Meta Graph API', fetch: this.options.fetch, timeoutMs: this.options.timeoutMs, isTransient: isTransientGraphError },
    );
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  }

  private async post(path: string, body: unknown): Promise<Record<string, unknown>> {
    const { body: answer } = await requestJson(
      { method: 'POST', url: `${this.graphBaseUrl}${path}`, accessToken: this.options.pageAccessToken, body },
      { platform: 'Meta Graph API', fetch: this.options.fetch, timeoutMs: this.options.timeoutMs, isTransient: isTransientGraphError },
    );
    return answer && typeof answer === 'object' ? (answer as Record<string, unknown>) : {};
  }
}
