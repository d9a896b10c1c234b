import { ImapFlow } from 'imapflow';
import { closeImapClient, createImapClient } from './imap-client';
import { ImapSettings } from './mailbox-settings';

export interface OpenedMailbox {
  /** UIDs are only comparable under the same UIDVALIDITY: when it changes, read from UID 0 again. */
  uidValidity: number;
  /** The UID the next message will get. */
  uidNext: number;
  /** How many messages the mailbox holds. */
  exists: number;
  /** Without IDLE, waitForNewMail only waits; the caller polls with fetchSince. */
  idleSupported: boolean;
}

export interface FetchedMessage {
  uid: number;
  /** The message exactly as the server stores it. */
  raw: Buffer;
  internalDate?: Date;
}

/** What happens to a message in the mailbox once it has been stored. */
export type ProcessedAction = { kind: 'seen' } | { kind: 'move'; folder: string } | { kind: 'none' };

export type NewMailWait = 'exists' | 'timeout' | 'closed' | 'aborted';

/** How long one IDLE command lasts before it is renewed (RFC 2177 asks for less than 29 minutes). */
const IDLE_RENEW_MS = 5 * 60_000;

/**
 * One connection to one mailbox, for a reader that keeps `{ uidValidity, lastUid }`:
 * open → (new UIDVALIDITY? lastUid = 0) → fetchSince(lastUid) → per message: store it,
 * markProcessed, save its uid as lastUid → waitForNewMail → fetchSince again.
 * Saving lastUid last means a crash re-reads a message but never skips one.
 */
export class ImapMailboxSession {
  private client?: ImapFlow;
  private opened?: OpenedMailbox;
  /** Why the session can no longer be used, for the error a later call throws. */
  private closedBecause = '';
  /** The server announced more messages since the last fetchSince. */
  private newMail = false;
  private readonly waiters = new Set<(outcome: NewMailWait) => void>();

  constructor(private readonly settings: ImapSettings) {}

  /** Connects, logs in and selects the mailbox; rejects with imapflow's error when any of that fails. */
  async open(): Promise<OpenedMailbox> {
    await this.close();
    // IDLE starts from waitForNewMail only, not whenever the connection is quiet for a while.
    const client = await createImapClient(this.settings, { disableAutoIdle: true, maxIdleTime: IDLE_RENEW_MS });
    this.client = client;
    this.closedBecause = '';
    this.newMail = false;
    // Events of a client this session has already replaced or closed are ignored.
    client.on('exists', ({ count, prevCount }) => {
      if (this.client !== client || count <= prevCount) return;
      this.newMail = true;
      this.wake('exists');
    });
    client.on('close', () => {
      if (this.client !== client) return;
      this.closedBecause ||= 'the connection closed';
      this.wake('closed');
    });
    client.on('mailboxOpen', (mailbox) => {
      // imapflow noticed a new UIDVALIDITY on the open connection: our UIDs are stale.
      if (this.client !== client || !this.opened || Number(mailbox.uidValidity) === this.opened.uidValidity) return;
      this.closedBecause = `the UIDVALIDITY of "${mailbox.path}" changed`;
      client.close();
    });

    try {
      await client.connect();
      const mailbox = await client.mailboxOpen(this.settings.mailbox);
      this.opened = {
        uidValidity: Number(mailbox.uidValidity),
        uidNext: mailbox.uidNext,
        exists: mailbox.exists,
        idleSupported: client.capabilities.has('IDLE'),
      };
      return this.opened;
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /**
   * Messages with a UID above `lastUid`, in UID order, fetched `batchSize` at a time. Between
   * batches nothing is in flight, so the caller may run markProcessed for each message it gets.
   */
  async *fetchSince(lastUid: number, batchSize: number): AsyncGenerator<FetchedMessage> {
    const client = this.connected();
    this.newMail = false;
    // "n:*" always includes the highest UID, even one below n (RFC 3501 §6.4.8): filter it out.
    const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
    const uids = (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
    for (let start = 0; start < uids.length; start += batchSize) {
      const batch = uids.slice(start, start + batchSize);
      // fetchAll rather than fetch(): imapflow cannot run another command while a fetch streams.
      const messages = await client.fetchAll(batch.join(','), { uid: true, source: true, internalDate: true }, { uid: true });
      messages.sort((a, b) => a.uid - b.uid);
      for (const message of messages) {
        // A message expunged since the search comes back without its source; it is gone.
        if (!message.source) continue;
        const { internalDate } = message;
        yield {
          uid: message.uid,
          raw: message.source,
          internalDate: internalDate === undefined ? undefined : new Date(internalDate),
        };
      }
    }
  }

  async markProcessed(uid: number, action: ProcessedAction): Promise<void> {
    if (action.kind === 'none') return;
    const client = this.connected();
    if (action.kind === 'seen') {
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      return;
    }
    if (!(await client.messageMove(String(uid), action.folder, { uid: true }))) {
      throw new Error(`the server did not move message ${uid} to "${action.folder}"; check that the folder exists`);
    }
  }

  /**
   * Resolves 'exists' when the server announces new mail (at once if it already did since the last
   * fetchSince), 'timeout' after `timeoutMs`, 'closed' when the connection ends (open again, and
   * compare UIDVALIDITY), 'aborted' when `signal` fires. Uses IDLE when the server has it.
   */
  waitForNewMail(timeoutMs: number, signal?: AbortSignal): Promise<NewMailWait> {
    if (signal?.aborted) return Promise.resolve('aborted');
    if (!this.client?.usable) return Promise.resolve('closed');
    if (this.newMail) return Promise.resolve('exists');
    if (this.opened?.idleSupported) {
      // Resolves when the next command ends IDLE; a failure closes the connection, which wakes us.
      this.client.idle().catch(() => undefined);
    }
    return new Promise((resolve) => {
      const finish = (outcome: NewMailWait) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiters.delete(finish);
        resolve(outcome);
      };
      const onAbort = () => finish('aborted');
      const timer = setTimeout(() => finish('timeout'), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(finish);
    });
  }

  /** Logs out; safe to call at any time, more than once. */
  async close(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    this.opened = undefined;
    this.closedBecause = 'close() was called';
    this.wake('closed');
    await closeImapClient(client);
  }

  private connected(): ImapFlow {
    if (!this.client?.usable) {
      throw new Error(`the IMAP session is not open${this.closedBecause ? `: ${this.closedBecause}` : ''}`);
    }
    return this.client;
  }

  private wake(outcome: NewMailWait): void {
    this.waiters.forEach((finish) => finish(outcome));
  }
}
