/**
 * Throughline live chat widget. A site embeds it with one tag:
 *   <script src="https://support.example/widget.js" data-connector-key="tlw_…" async></script>
 * Optional attributes: data-title, data-prechat="false" (no name/email form), data-name,
 * data-identity-email | data-identity-user-id with data-identity-hmac (the site's server signs its
 * signed-in user; see the README). Everything renders in a shadow root, so the site's CSS and ours
 * never meet.
 */
import { io, type Socket } from 'socket.io-client';
import type { ChatHandshake, ChatMessage, ChatMessageAck, ChatServerEvents, ChatSurveyAck } from '@throughline/domain';
import { STYLES } from './styles';

const NAMESPACE = '/chat';
const TYPING_EVERY_MS = 2000;
const TYPING_SHOWN_MS = 4000;
const ACK_TIMEOUT_MS = 10_000;

interface Stored {
  visitorToken?: string;
  name?: string;
  email?: string;
  /** The pre-chat form was answered (or skipped) once; it is not shown again. */
  introduced?: boolean;
}

/** A message in the list: sent ones have an id, ours waiting for their ack only a clientId. */
interface Line extends Omit<ChatMessage, 'id'> {
  id?: string;
  clientId?: string;
  state?: 'sending' | 'sent' | 'failed';
  error?: string;
  /** A survey line: the rating the visitor gave here, or why it was not taken. */
  rated?: number;
  ratingError?: string;
}

const script = document.currentScript as HTMLScriptElement | null;

function start(tag: HTMLScriptElement): void {
  const connectorKey = tag.dataset['connectorKey'];
  if (!connectorKey) {
    console.error('Throughline chat: the script tag needs data-connector-key');
    return;
  }
  const server = new URL(tag.src, location.href).origin;
  const storageKey = `throughline-chat:${connectorKey}`;
  const title = tag.dataset['title'] ?? 'Chat with us';
  const wantsIntro = tag.dataset['prechat'] !== 'false';
  const identity = identityFrom(tag);

  const stored: Stored = readStored(storageKey);
  if (tag.dataset['name'] && !stored.name) stored.name = tag.dataset['name'];
  const save = () => {
    try {
      localStorage.setItem(storageKey, JSON.stringify(stored));
    } catch {
      // Private browsing may refuse storage: the chat still works, it just starts afresh next time.
    }
  };

  // ---- DOM -------------------------------------------------------------------------------------
  const host = document.createElement('div');
  host.setAttribute('data-throughline-chat', '');
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>${STYLES}</style>
    <button class="launcher" type="button" aria-expanded="false" aria-controls="tl-panel" aria-label="Open chat">
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 5h16v10H8l-4 4z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/></svg>
      <span class="badge" hidden></span>
    </button>
    <section class="panel" id="tl-panel" role="dialog" aria-modal="false" aria-labelledby="tl-title" hidden>
      <header>
        <h2 id="tl-title"></h2>
        <button class="close" type="button" aria-label="Close chat">×</button>
      </header>
      <p class="status" role="status" aria-live="polite"></p>
      <form class="intro" hidden>
        <p>Tell us who you are, so we can follow up. Both are optional.</p>
        <label>Name <input name="name" autocomplete="name" maxlength="120"></label>
        <label>Email <input name="email" type="email" autocomplete="email" maxlength="320"></label>
        <div class="row"><button type="submit">Start chat</button><button type="button" class="skip">Skip</button></div>
      </form>
      <ol class="log" role="log" aria-live="polite" aria-label="Conversation"></ol>
      <p class="typing" aria-live="polite" hidden></p>
      <form class="composer">
        <label for="tl-text" class="visually-hidden">Your message</label>
        <textarea id="tl-text" rows="2" maxlength="4000" placeholder="Write a message…"></textarea>
        <button type="submit">Send</button>
      </form>
    </section>`;
  const $ = <T extends Element>(selector: string) => root.querySelector(selector) as T;
  const launcher = $<HTMLButtonElement>('.launcher');
  const badge = $<HTMLSpanElement>('.badge');
  const panel = $<HTMLElement>('.panel');
  const status = $<HTMLParagraphElement>('.status');
  const intro = $<HTMLFormElement>('.intro');
  const log = $<HTMLOListElement>('.log');
  const typing = $<HTMLParagraphElement>('.typing');
  const composer = $<HTMLFormElement>('.composer');
  const textarea = $<HTMLTextAreaElement>('textarea');
  $<HTMLHeadingElement>('#tl-title').textContent = title;
  document.body.appendChild(host);

  // ---- state -----------------------------------------------------------------------------------
  let socket: Socket | null = null;
  let lines: Line[] = [];
  let seenUpTo: string | null = null;
  let unread = 0;
  let lastTypingSent = 0;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  const isOpen = () => !panel.hidden;

  function render(): void {
    log.replaceChildren(
      ...lines.map((line, index) => {
        const item = document.createElement('li');
        item.className = `msg ${line.author}`;
        const who = document.createElement('span');
        who.className = 'who';
        who.textContent = line.author === 'agent' ? (line.authorName ?? 'Support') : 'You';
        const text = document.createElement('p');
        text.textContent = line.text;
        item.append(who, text);
        if (line.survey && line.id) item.append(ratingFor(line, line.survey));
        const note = noteFor(line, index);
        if (note) {
          const small = document.createElement('small');
          small.textContent = note;
          if (line.state === 'failed') small.className = 'error';
          item.append(small);
        }
        return item;
      }),
    );
    log.scrollTop = log.scrollHeight;
    badge.hidden = unread === 0;
    badge.textContent = String(unread);
    launcher.setAttribute('aria-label', unread ? `Open chat, ${unread} new` : 'Open chat');
  }

  /** A survey line's 1–5 buttons; a second click changes the rating while the survey is open. */
  function ratingFor(line: Line, scale: NonNullable<ChatMessage['survey']>): HTMLElement {
    const group = document.createElement('div');
    group.className = 'rating';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Your rating');
    for (let value = scale.min; value <= scale.max; value++) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = String(value);
      button.setAttribute('aria-pressed', String(line.rated === value));
      button.addEventListener('click', () => void rate(line, value));
      group.append(button);
    }
    if (line.rated !== undefined || line.ratingError) {
      const small = document.createElement('small');
      small.textContent = line.ratingError ?? `Thank you! You rated ${line.rated}/${scale.max}.`;
      if (line.ratingError) small.className = 'error';
      group.append(small);
    }
    return group;
  }

  async function rate(line: Line, csat: number): Promise<void> {
    if (!socket?.connected || !line.id) return;
    try {
      const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('survey', { messageId: line.id, csat })) as ChatSurveyAck;
      if ('error' in ack) Object.assign(line, { ratingError: ack.error });
      else Object.assign(line, { rated: ack.csat, ratingError: undefined });
    } catch {
      Object.assign(line, { ratingError: 'Not sent; try again' });
    }
    render();
  }

  /** Only the visitor's latest message says where it stands: sending, sent, seen, or why it failed. */
  function noteFor(line: Line, index: number): string | null {
    if (line.author !== 'visitor') return null;
    if (line.state === 'failed') return `Not sent: ${line.error ?? 'try again'}`;
    if (line.state === 'sending') return 'Sending…';
    const lastOurs = lines.map((l) => l.author).lastIndexOf('visitor');
    if (index !== lastOurs) return null;
    const seenIndex = seenUpTo ? lines.findIndex((l) => l.id === seenUpTo) : -1;
    return seenIndex >= index ? 'Seen' : 'Sent';
  }

  function upsert(message: ChatMessage): void {
    const existing = lines.findIndex((l) => l.id === message.id || (message.clientId !== undefined && l.clientId === message.clientId));
    if (existing >= 0) lines[existing] = { ...lines[existing], ...message, state: 'sent' };
    else {
      lines.push({ ...message, state: 'sent' });
      if (message.author === 'agent' && !isOpen()) unread++;
    }
    if (message.author === 'agent') typing.hidden = true;
    render();
    markRead();
  }

  /** Tells the agents how far the visitor has read, when the panel shows the latest agent reply. */
  function markRead(): void {
    const lastAgent = [...lines].reverse().find((l) => l.author === 'agent' && l.id);
    if (socket?.connected && isOpen() && lastAgent?.id) socket.emit('read', { upTo: lastAgent.id });
  }

  function setStatus(text: string): void {
    status.textContent = text;
    status.hidden = !text;
  }

  // ---- connection ------------------------------------------------------------------------------
  function connect(): void {
    if (socket) return;
    // A function, so every reconnect presents the newest token and details.
    const auth = (cb: (data: object) => void) => {
      const data: ChatHandshake = { connectorKey: connectorKey as string };
      if (stored.visitorToken) data.visitorToken = stored.visitorToken;
      if (stored.name) data.name = stored.name;
      if (stored.email) data.email = stored.email;
      if (identity) data.identity = identity;
      cb(data);
    };
    socket = io(`${server}${NAMESPACE}`, { path: '/socket.io', auth, transports: ['websocket', 'polling'] });
    socket.on('connect', () => {
      setStatus('');
      // Messages that never got their ack are sent again; the server knows them by clientId.
      for (const line of lines) if (line.state === 'sending' && line.clientId) void deliver(line);
    });
    socket.on('disconnect', () => setStatus('Reconnecting…'));
    socket.on('connect_error', (err: Error) => setStatus(`Cannot connect: ${err.message}`));
    socket.on('session', (session: ChatServerEvents['session']) => {
      stored.visitorToken = session.visitorToken;
      save();
    });
    socket.on('history', ({ messages }: ChatServerEvents['history']) => {
      const pending = lines.filter((l) => l.state !== 'sent' && !messages.some((m) => m.clientId && m.clientId === l.clientId));
      lines = [...messages.map((m): Line => ({ ...m, state: 'sent' })), ...pending];
      render();
      markRead();
    });
    socket.on('message', (message: ChatMessage) => upsert(message));
    socket.on('typing', ({ authorName }: ChatServerEvents['typing']) => {
      typing.textContent = `${authorName ?? 'Support'} is typing…`;
      typing.hidden = false;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => (typing.hidden = true), TYPING_SHOWN_MS);
    });
    socket.on('read', ({ upTo }: ChatServerEvents['read']) => {
      seenUpTo = upTo;
      render();
    });
  }

  async function deliver(line: Line): Promise<void> {
    if (!socket?.connected || !line.clientId) return;
    try {
      const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message', { text: line.text, clientId: line.clientId })) as ChatMessageAck;
      if ('error' in ack) Object.assign(line, { state: 'failed', error: ack.error });
      else Object.assign(line, { id: ack.id, state: 'sent' });
    } catch {
      // No ack in time: kept as sending and sent again with the same clientId on the next connect.
    }
    render();
  }

  // ---- UI events -------------------------------------------------------------------------------
  function open(): void {
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    unread = 0;
    render();
    if (wantsIntro && !stored.introduced && !identity) {
      intro.hidden = false;
      composer.hidden = true;
      intro.querySelector('input')?.focus();
    } else {
      connect();
      textarea.focus();
    }
    markRead();
  }

  function close(): void {
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  launcher.addEventListener('click', () => (isOpen() ? close() : open()));
  $<HTMLButtonElement>('.close').addEventListener('click', close);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });

  const finishIntro = (name?: string, email?: string) => {
    if (name) stored.name = name;
    if (email) stored.email = email;
    stored.introduced = true;
    save();
    intro.hidden = true;
    composer.hidden = false;
    connect();
    textarea.focus();
  };
  intro.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(intro);
    finishIntro(String(data.get('name') ?? '').trim() || undefined, String(data.get('email') ?? '').trim() || undefined);
  });
  $<HTMLButtonElement>('.skip').addEventListener('click', () => finishIntro());

  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    if (!text) return;
    if (!socket) connect();
    const line: Line = {
      clientId: newClientId(),
      text,
      author: 'visitor',
      authorName: stored.name ?? null,
      createdAt: new Date().toISOString(),
      state: 'sending',
    };
    lines.push(line);
    textarea.value = '';
    render();
    void deliver(line);
  });
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  textarea.addEventListener('input', () => {
    const now = Date.now();
    if (socket?.connected && textarea.value && now - lastTypingSent > TYPING_EVERY_MS) {
      lastTypingSent = now;
      socket.emit('typing', { typing: true });
    }
  });

  // A returning visitor reconnects at once, so a reply that came while they were away shows as unread.
  if (stored.visitorToken) connect();
  render();
}

function identityFrom(tag: HTMLScriptElement): ChatHandshake['identity'] {
  const hmac = tag.dataset['identityHmac'];
  if (!hmac) return undefined;
  const email = tag.dataset['identityEmail'];
  const userId = tag.dataset['identityUserId'];
  if (email) return { email, hmac };
  if (userId) return { userId, hmac };
  return undefined;
}

function readStored(key: string): Stored {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '{}') as Stored;
  } catch {
    return {};
  }
}

function newClientId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

if (script) {
  const tag = script;
  if (document.body) start(tag);
  else document.addEventListener('DOMContentLoaded', () => start(tag));
} else {
  console.error('Throughline chat: load widget.js with a plain <script> tag (document.currentScript is needed)');
}
