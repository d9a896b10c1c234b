import { TestBed } from '@angular/core/testing';
import { HttpErrorResponse } from '@angular/common/http';
import type { ConversationView, MessageView, Page } from '@throughline/domain';
import { of, throwError } from 'rxjs';
import { conversation, customer, entry, NOW } from '../../testing/conversation.factory';
import { FakeRealtime } from '../../testing/fake-realtime';
import { PendingCalls, settle } from '../../testing/pending-calls';
import { type ConversationChanges, ConversationsApi, type NewMessage, type ReplyChannelView } from '../conversations/conversations.api';
import { CustomersApi } from '../customers/customers.api';
import { RealtimeService } from '../realtime/realtime.service';
import { CUSTOMER_CONVERSATIONS_LIMIT, ConversationStore, TIMELINE_PAGE_SIZE } from './conversation.store';

const CUSTOMER = customer('cust-1', { name: 'Ana Silva' });
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

function setup(options: { conversation?: ConversationView; timeline?: Page<MessageView>; others?: ConversationView[] } = {}) {
  const current = options.conversation ?? conversation('c1', 5, { customerId: CUSTOMER.id });
  const realtime = new FakeRealtime();
  const post = new PendingCalls<[string, NewMessage], MessageView>();
  const timeline = new PendingCalls<[string, string | null, number], Page<MessageView>>();
  const conversationsApi = {
    get: jest.fn((id: string) => of({ ...current, id })),
    list: jest.fn((): ReturnType<ConversationsApi['list']> => of({ items: options.others ?? [], nextCursor: null })),
    replyChannels: jest.fn(
      (): ReturnType<ConversationsApi['replyChannels']> => of([{ channel: 'email', connectorId: 'k1', to: null, default: true }] as ReplyChannelView[]),
    ),
    post: post.fn,
    update: jest.fn((id: string, changes: ConversationChanges) => of({ ...current, ...changes, updatedAt: at(0) })),
    setTags: jest.fn((id: string, tagIds: string[]) =>
      of({ ...current, tags: tagIds.map((tagId) => ({ id: tagId, name: tagId, color: '#000000' })), updatedAt: at(0) }),
    ),
    retry: jest.fn(),
  };
  const customersApi = {
    get: jest.fn((): ReturnType<CustomersApi['get']> => of(CUSTOMER)),
    timeline: timeline.fn,
  };
  TestBed.configureTestingModule({
    providers: [
      ConversationStore,
      { provide: RealtimeService, useValue: realtime },
      { provide: ConversationsApi, useValue: conversationsApi },
      { provide: CustomersApi, useValue: customersApi },
    ],
  });
  const store = TestBed.inject(ConversationStore);
  return { store, realtime, conversationsApi, customersApi, timeline, post, current };
}

/** A store that opened `c1` and got `page` as the newest timeline page. */
async function opened(page: Page<MessageView> = { items: [], nextCursor: null }, options: Parameters<typeof setup>[0] = {}) {
  const ctx = setup(options);
  const opening = ctx.store.open(ctx.current.id);
  await settle();
  await ctx.timeline.respond(page);
  await opening;
  return ctx;
}

const entryIds = (store: ConversationStore) => store.entries().map((e) => e.id);

describe('ConversationStore', () => {
  describe('open', () => {
    it('should load the conversation, its customer, their timeline and conversations, and watch their rooms', async () => {
      const other = conversation('c0', 600, { customerId: CUSTOMER.id, status: 'resolved' });
      const { store, realtime, customersApi, conversationsApi, timeline } = setup({ others: [other] });
      const opening = store.open('c1');
      expect(store.loading()).toBe(true);
      await settle();

      expect(conversationsApi.get).toHaveBeenCalledWith('c1');
      expect(customersApi.get).toHaveBeenCalledWith(CUSTOMER.id);
      expect(timeline.last.args).toEqual([CUSTOMER.id, null, TIMELINE_PAGE_SIZE]);
      expect(conversationsApi.list).toHaveBeenCalledWith({ customerId: CUSTOMER.id, limit: CUSTOMER_CONVERSATIONS_LIMIT });

      // Newest first from the server, oldest first on screen; an entry of an earlier conversation included.
      await timeline.respond({
        items: [entry('m3', 1, { conversationId: 'c1' }), entry('m2', 5, { conversationId: 'c1' }), entry('m1', 600, { conversationId: 'c0' })],
        nextCursor: 'older',
      });
      await opening;

      expect(store.loading()).toBe(false);
      expect(store.conversation()?.id).toBe('c1');
      expect(store.customer()).toEqual(CUSTOMER);
      expect(entryIds(store)).toEqual(['m1', 'm2', 'm3']);
      expect(store.hasOlder()).toBe(true);
      expect(store.customerConversations()?.map((c) => c.id)).toEqual(['c1', 'c0']);
      expect(store.replyChannels()).toEqual([{ channel: 'email', connectorId: 'k1', to: null, default: true }]);
      expect(realtime.watch).toHaveBeenCalledWith({ conversationId: 'c1', customerId: CUSTOMER.id });
      expect(realtime.watched.size).toBe(1);
      expect(realtime.connect).toHaveBeenCalled();
    });

    it('should leave the previous rooms when another conversation opens', async () => {
      const { store, realtime, timeline } = await opened();
      const opening = store.open('c2');
      await settle();
      await timeline.respond({ items: [], nextCursor: null });
      await opening;
      expect(realtime.watched.size).toBe(1);
      expect([...realtime.watched]).toEqual([{ conversationId: 'c2', customerId: CUSTOMER.id }]);
    });

    it('should show why a conversation could not be loaded', async () => {
      const { store, conversationsApi } = setup();
      conversationsApi.get.mockReturnValueOnce(
        throwError(() => new HttpErrorResponse({ status: 404, error: { statusCode: 404, error: 'Not Found', message: 'Conversation not found' } })),
      );
      await store.open('missing');
      expect(store.error()).toBe('Conversation not found');
      expect(store.loading()).toBe(false);
      expect(store.conversation()).toBeNull();
    });
  });

  describe('live', () => {
    it('should upsert message.created, message.updated and timeline.entry of the customer without duplicates', async () => {
      const { store, realtime, current } = await opened({ items: [entry('m1', 10, { conversationId: 'c1' })], nextCursor: null });

      const reply = entry('m2', 1, { conversationId: 'c1', direction: 'outbound', deliveryStatus: 'pending' });
      const bumped = { ...current, lastMessageAt: at(1), updatedAt: at(1), preview: 'Thanks' };
      realtime.emit('message.created', { message: reply, conversation: bumped });
      realtime.emit('message.created', { message: reply, conversation: bumped });
      realtime.emit('message.updated', { message: { ...reply, deliveryStatus: 'sent' } });
      realtime.emit('timeline.entry', { message: entry('auto', 0, { conversationId: null, text: 'Out of office' }) });

      expect(entryIds(store)).toEqual(['m1', 'm2', 'auto']);
      expect(store.entries()[1].deliveryStatus).toBe('sent');
      expect(store.conversation()?.preview).toBe('Thanks');
    });

    it('should ignore entries of another customer', async () => {
      const { store, realtime } = await opened({ items: [entry('m1', 10, { conversationId: 'c1' })], nextCursor: null });
      const stranger = entry('x1', 0, { customerId: 'cust-2', conversationId: 'c9' });
      realtime.emit('message.created', { message: stranger, conversation: conversation('c9', 0, { customerId: 'cust-2' }) });
      realtime.emit('message.updated', { message: { ...entry('m1', 10, { conversationId: 'c1' }), customerId: 'cust-2', text: 'not ours' } });
      realtime.emit('timeline.entry', { message: entry('x2', 0, { customerId: 'cust-2' }) });

      expect(entryIds(store)).toEqual(['m1']);
      expect(store.entries()[0].text).toBe('Text m1');
      expect(store.customerConversations()?.map((c) => c.id)).toEqual(['c1']);
    });

    it('should list a new conversation of the customer and follow changes to the others', async () => {
      const { store, realtime } = await opened(undefined, { others: [conversation('c0', 600, { customerId: CUSTOMER.id })] });
      realtime.emit('conversation.created', { conversation: conversation('c2', 0, { customerId: CUSTOMER.id }) });
      realtime.emit('conversation.created', { conversation: conversation('c3', 0, { customerId: 'cust-2' }) });
      realtime.emit('conversation.updated', { conversation: conversation('c0', 600, { customerId: CUSTOMER.id, status: 'resolved' }) });

      expect(store.customerConversations()?.map((c) => c.id)).toEqual(['c2', 'c1', 'c0']);
      expect(store.customerConversations()?.[2].status).toBe('resolved');
      expect(store.conversation()?.id).toBe('c1');
    });

    it('should ignore a conversation.updated older than the state it holds', async () => {
      const { store, realtime, current } = await opened();
      realtime.emit('conversation.updated', { conversation: { ...current, status: 'pending', updatedAt: at(1) } });
      expect(store.conversation()?.status).toBe('pending');

      realtime.emit('conversation.updated', { conversation: { ...current, status: 'resolved', updatedAt: at(3) } });
      expect(store.conversation()?.status).toBe('pending');
    });

    it('should keep the agent’s readAt when a live copy replaces the conversation', async () => {
      const readAt = at(4);
      const { store, realtime, current } = await opened(undefined, { conversation: conversation('c1', 5, { customerId: CUSTOMER.id, readAt }) });
      const live = { ...current, priority: 'high' as const, updatedAt: at(0) };
      delete live.readAt;
      realtime.emit('conversation.updated', { conversation: live });
      expect(store.conversation()?.priority).toBe('high');
      expect(store.conversation()?.readAt).toBe(readAt);
    });

    it('should reload the whole timeline when the customer is merged', async () => {
      const { store, realtime, timeline } = await opened({ items: [entry('m1', 10, { conversationId: 'c1' })], nextCursor: null });
      realtime.emit('customer.merged', { customer: CUSTOMER, mergedCustomerId: 'cust-old' });
      await settle();
      await timeline.respond({ items: [entry('m1', 10, { conversationId: 'c1' }), entry('old', 9000, { conversationId: 'c-old' })], nextCursor: null });
      expect(entryIds(store)).toEqual(['old', 'm1']);
    });

    it('should reload the timeline when either side of an unmerge is the customer, and ignore other unmerges', async () => {
      const { store, realtime, timeline } = await opened({
        items: [entry('m1', 10, { conversationId: 'c1' }), entry('old', 9000, { conversationId: 'c-old' })],
        nextCursor: null,
      });
      const other = customer('cust-9');
      realtime.emit('customer.unmerged', { customer: other, restoredCustomer: customer('cust-8') });
      await settle();
      expect(timeline.calls).toHaveLength(1);

      realtime.emit('customer.unmerged', { customer: CUSTOMER, restoredCustomer: customer('cust-old') });
      await settle();
      expect(timeline.calls).toHaveLength(2);
      // The restored customer took their history back.
      await timeline.respond({ items: [entry('m1', 10, { conversationId: 'c1' })], nextCursor: null });
      expect(entryIds(store)).toEqual(['m1']);

      realtime.emit('customer.unmerged', { customer: customer('cust-new-owner'), restoredCustomer: CUSTOMER });
      await settle();
      expect(timeline.calls).toHaveLength(3);
    });
  });

  describe('chat typing', () => {
    const typing = (conversationId: string, author: 'visitor' | 'agent') => ({ conversationId, author, name: null, at: at(0) });
    afterEach(() => jest.restoreAllMocks());

    it('should note when the chat visitor of this conversation types, not agents or other conversations', async () => {
      jest.spyOn(Date, 'now').mockReturnValue(NOW);
      const { store, realtime } = await opened(undefined, { conversation: conversation('c1', 5, { customerId: CUSTOMER.id, channel: 'chat' }) });
      expect(store.visitorTypingAt()).toBe(0);

      realtime.emit('chat.typing', typing('c1', 'agent'));
      realtime.emit('chat.typing', typing('c2', 'visitor'));
      expect(store.visitorTypingAt()).toBe(0);

      realtime.emit('chat.typing', typing('c1', 'visitor'));
      expect(store.visitorTypingAt()).toBe(NOW);
    });

    it('should tell the chat visitor the agent is typing, only in a chat conversation', async () => {
      const chat = await opened(undefined, { conversation: conversation('c1', 5, { customerId: CUSTOMER.id, channel: 'chat' }) });
      chat.store.agentTyping();
      expect(chat.realtime.send).toHaveBeenCalledWith('chat.typing', { conversationId: 'c1' });

      TestBed.resetTestingModule();
      const mail = await opened();
      mail.store.agentTyping();
      expect(mail.realtime.send).not.toHaveBeenCalled();
    });

    it('should not send typing before a conversation is loaded', () => {
      const { store, realtime } = setup({ conversation: conversation('c1', 5, { customerId: CUSTOMER.id, channel: 'chat' }) });
      store.agentTyping();
      expect(realtime.send).not.toHaveBeenCalled();
    });
  });

  describe('history', () => {
    it('should load older entries before what it holds', async () => {
      const { store, timeline } = await opened({ items: [entry('m3', 1), entry('m2', 2)], nextCursor: 'cur-1' });
      const loading = store.loadOlder();
      expect(store.loadingOlder()).toBe(true);
      expect(timeline.last.args).toEqual([CUSTOMER.id, 'cur-1', TIMELINE_PAGE_SIZE]);
      await timeline.respond({ items: [entry('m2', 2), entry('m1', 3)], nextCursor: null });
      await loading;

      expect(entryIds(store)).toEqual(['m1', 'm2', 'm3']);
      expect(store.hasOlder()).toBe(false);
      expect(store.loadingOlder()).toBe(false);
      await store.loadOlder();
      expect(timeline.calls).toHaveLength(2);
    });

    it('should say when older entries could not be loaded', async () => {
      const { store, timeline } = await opened({ items: [entry('m2', 2)], nextCursor: 'cur-1' });
      const loading = store.loadOlder();
      await timeline.fail(0);
      await loading;
      expect(store.olderError()).toMatch(/reach/);
      expect(store.hasOlder()).toBe(true);
    });

    it('should read the newest pages back after a reconnect until they meet what it holds', async () => {
      const { store, realtime, timeline, conversationsApi } = await opened({ items: [entry('m2', 60), entry('m1', 61)], nextCursor: 'older' });
      realtime.connects.next();
      await settle();
      expect(conversationsApi.get).toHaveBeenCalledTimes(2);
      expect(timeline.last.args).toEqual([CUSTOMER.id, null, TIMELINE_PAGE_SIZE]);

      // Two pages arrived while offline; the second reaches m2.
      await timeline.respond({ items: [entry('m5', 1), entry('m4', 2)], nextCursor: 'p2' });
      expect(timeline.last.args).toEqual([CUSTOMER.id, 'p2', TIMELINE_PAGE_SIZE]);
      await timeline.respond({ items: [entry('m3', 3), entry('m2', 60)], nextCursor: 'p3' });

      expect(entryIds(store)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
      expect(timeline.calls).toHaveLength(3);
    });
  });

  describe('sending', () => {
    it('should show a draft until the server answers with the message that replaces it', async () => {
      const { store, post } = await opened();
      const sending = store.send('Hello Ana', { note: false, channel: 'email' });

      expect(store.drafts()).toEqual([expect.objectContaining({ text: 'Hello Ana', state: 'sending', note: false, channel: 'email' })]);
      expect(post.last.args).toEqual(['c1', { text: 'Hello Ana', note: undefined, channel: 'email' }]);

      await post.respond(entry('sent-1', 0, { conversationId: 'c1', direction: 'outbound', text: 'Hello Ana', deliveryStatus: 'pending' }));
      await expect(sending).resolves.toBe(true);
      expect(store.drafts()).toEqual([]);
      expect(entryIds(store)).toEqual(['sent-1']);
    });

    it('should send an internal note as a note', async () => {
      const { store, post } = await opened();
      void store.send('Called the courier', { note: true });
      expect(post.last.args).toEqual(['c1', { text: 'Called the courier', note: true, channel: undefined }]);
    });

    it('should keep a failed draft with its error, and send it again on retry', async () => {
      const { store, post } = await opened();
      const sending = store.send('Hello', { note: false });
      await post.fail(503);
      await expect(sending).resolves.toBe(false);

      const [draft] = store.drafts();
      expect(draft.state).toBe('failed');
      expect(draft.error).toMatch(/problem answering/);

      const retrying = store.retryDraft(draft.clientId);
      expect(store.drafts()[0].state).toBe('sending');
      expect(post.calls).toHaveLength(2);
      await post.respond(entry('sent', 0, { conversationId: 'c1', direction: 'outbound', text: 'Hello' }));
      await expect(retrying).resolves.toBe(true);
      expect(store.drafts()).toEqual([]);
      expect(entryIds(store)).toEqual(['sent']);
    });

    it('should not duplicate a reply the socket delivered before the answer', async () => {
      const { store, post, realtime, current } = await opened();
      void store.send('Hello', { note: false });
      const sent = entry('sent', 0, { conversationId: 'c1', direction: 'outbound', text: 'Hello' });
      realtime.emit('message.created', { message: sent, conversation: current });
      await post.respond(sent);
      expect(entryIds(store)).toEqual(['sent']);
    });
  });

  describe('update', () => {
    it('should apply the changed conversation the server returns', async () => {
      const { store, conversationsApi } = await opened();
      await expect(store.update({ status: 'resolved' })).resolves.toBe(true);
      expect(conversationsApi.update).toHaveBeenCalledWith('c1', { status: 'resolved' });
      expect(store.conversation()?.status).toBe('resolved');
      expect(store.customerConversations()?.[0].status).toBe('resolved');
    });

    it('should keep the conversation and say why when a change fails', async () => {
      const { store, conversationsApi } = await opened();
      const failing = new PendingCalls<[string, ConversationChanges], ConversationView>();
      conversationsApi.update.mockImplementation(failing.fn);
      const updating = store.update({ assigneeId: 'u2' });
      await failing.fail(403);
      await expect(updating).resolves.toBe(false);
      expect(store.updateError()).toBe('Could not change the conversation.');
      expect(store.conversation()?.assigneeId).toBeNull();
    });
  });

  describe('setTags', () => {
    it('should apply the tagged conversation the server returns', async () => {
      const { store, conversationsApi } = await opened();
      await expect(store.setTags(['t1'])).resolves.toBe(true);
      expect(conversationsApi.setTags).toHaveBeenCalledWith('c1', ['t1']);
      expect(store.conversation()?.tags.map((t) => t.id)).toEqual(['t1']);
    });

    it('should keep the tags and say why when the change fails', async () => {
      const { store, conversationsApi } = await opened();
      const failing = new PendingCalls<[string, string[]], ConversationView>();
      conversationsApi.setTags.mockImplementation(failing.fn);
      const setting = store.setTags(['t1']);
      await failing.fail(400);
      await expect(setting).resolves.toBe(false);
      expect(store.updateError()).toBe('Could not change the tags.');
      expect(store.conversation()?.tags).toEqual([]);
    });
  });
});
