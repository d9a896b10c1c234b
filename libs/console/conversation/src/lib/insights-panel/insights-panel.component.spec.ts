import { TestBed } from '@angular/core/testing';
import { InsightsApi, RealtimeService } from '@throughline/console/data-access';
import { FakeRealtime, PendingCalls, settle } from '@throughline/console/data-access/testing';
import type { AcceptedSuggestionView, InsightsView, SuggestionView } from '@throughline/domain';
import { of } from 'rxjs';
import { DISMISS_REASONS, InsightsPanelComponent } from './insights-panel.component';

const ANGRY: InsightsView = {
  sentiment: { score: -0.82, label: 'negative' },
  emotions: [
    { label: 'anger', score: 0.91, evidence: ['furious', 'THIRD time'] },
    { label: 'disappointment', score: 0.4, evidence: [] },
  ],
  prompts: [{ id: 'p-sorry', text: 'I am sorry you had to write three times.', why: 'anger: “furious”; repeat contact' }],
  suggestions: [],
  suppressed: { reason: 'resolve first: the customer is angry' },
  guidance: [{ id: 'g1', text: 'Apologise once, then give a time.', why: 'anger' }],
  history: [{ kind: 'repeat_contact', reason: 'Third message about this in 2 days' }],
};

const CALM: InsightsView = {
  sentiment: { score: 0.3, label: 'positive' },
  emotions: [],
  prompts: [],
  suggestions: [
    { id: 's-inv', sku: 'INV-PRO', name: 'Invoicing Pro', score: 0.7, reasons: ['Bought Invoicing Basic 14 months ago'] },
    { id: 's-pay', sku: 'PAY', name: 'Payroll', score: 0.4, reasons: ['Often bought with Invoicing'] },
  ],
};

const SUGGESTION: SuggestionView = {
  id: 's-inv',
  conversationId: 'c1',
  customerId: 'cust-1',
  sku: 'INV-PRO',
  score: 0.7,
  reasons: [],
  status: 'accepted',
  dismissReason: null,
  convertedOrderId: null,
  createdAt: '2026-11-24T12:00:00Z',
};

async function setup(conversationId = 'c1') {
  const realtime = new FakeRealtime('connected');
  const load = new PendingCalls<[string], InsightsView>();
  const accept = new PendingCalls<[string], AcceptedSuggestionView>();
  const dismiss = new PendingCalls<[string, string], SuggestionView>();
  const api = { forConversation: load.fn, accept: accept.fn, dismiss: dismiss.fn, promptUsed: jest.fn(() => of({})) };
  TestBed.configureTestingModule({
    providers: [
      { provide: InsightsApi, useValue: api },
      { provide: RealtimeService, useValue: realtime },
    ],
  });
  const fixture = TestBed.createComponent(InsightsPanelComponent);
  fixture.componentRef.setInput('conversationId', conversationId);
  const inserted: string[] = [];
  fixture.componentInstance.insert.subscribe((text) => inserted.push(text));
  const flush = async () => {
    await settle();
    await fixture.whenStable();
  };
  await flush();
  const el = fixture.nativeElement as HTMLElement;
  const button = (text: string) => [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text) ?? null;
  const texts = (selector: string) => [...el.querySelectorAll(selector)].map((n) => n.textContent?.trim());
  return { fixture, el, realtime, api, load, accept, dismiss, inserted, flush, button, texts };
}

/** A panel that has loaded `insights` for c1. */
async function loaded(insights: InsightsView) {
  const ctx = await setup();
  await ctx.load.respond(insights);
  await ctx.flush();
  return ctx;
}

describe('InsightsPanelComponent', () => {
  it('should load the conversation’s insights: mood, emotions with their words, history, what to say', async () => {
    const { el, load, flush, texts } = await setup();
    expect(load.last.args).toEqual(['c1']);
    expect(el.querySelector('[role=status]')?.textContent).toBe('Reading the conversation…');

    await load.respond(ANGRY);
    await flush();
    expect(el.querySelector('.mood')?.getAttribute('data-mood')).toBe('negative');
    expect(el.querySelector('.mood')?.textContent).toContain('Upset');
    expect(el.querySelector('.score')?.textContent).toBe('-0.82');
    expect(texts('.emotion')).toEqual(['Angry', 'Disappointed']);
    expect(el.querySelector('[role=meter]')?.getAttribute('aria-valuenow')).toBe('91');
    // Only emotions with evidence show it.
    expect(texts('.evidence')).toEqual(['“furious”, “THIRD time”']);
    expect(texts('.facts li')).toEqual(['Third message about this in 2 days']);
    expect(texts('.guidance li')).toEqual(['Apologise once, then give a time.']);
    expect(texts('.prompt')).toEqual(['I am sorry you had to write three times.']);
    expect(texts('.why')).toEqual(['anger: “furious”; repeat contact']);
  });

  it('should hold suggestions back with the reason (said once) while the customer must be helped first', async () => {
    const { el, button } = await loaded({ ...ANGRY, suggestions: CALM.suggestions });
    expect(el.querySelector('.suppressed')?.textContent).toBe('Resolve first — the customer is angry');
    expect(el.querySelector('.suggestions')).toBeNull();
    expect(button('Offer it')).toBeNull();
  });

  it('should say when no emotion stands out and there is nothing to suggest', async () => {
    const { texts } = await loaded({ sentiment: { score: 0, label: 'neutral' }, emotions: [], prompts: [], suggestions: [] });
    expect(texts('.mood')[0]).toMatch(/^Neutral/);
    expect(texts('.emotions li')).toEqual(['No strong emotion in their words.']);
    expect(texts('.suggestions li')).toEqual(['Nothing to suggest now.']);
  });

  it('should insert a prompt into the reply and record that it was used', async () => {
    const { el, api, inserted, flush } = await loaded(ANGRY);
    el.querySelector<HTMLButtonElement>('button[aria-label="Insert: I am sorry you had to write three times."]')?.click();
    await flush();
    expect(inserted).toEqual(['I am sorry you had to write three times.']);
    expect(api.promptUsed).toHaveBeenCalledWith('c1', 'p-sorry');
  });

  it('should replace the insights with those pushed live for this conversation only', async () => {
    const { el, realtime, flush, texts } = await loaded(ANGRY);
    realtime.emit('insights.updated', { conversationId: 'c2', insights: CALM });
    await flush();
    expect(texts('.emotion')).toEqual(['Angry', 'Disappointed']);

    realtime.emit('insights.updated', { conversationId: 'c1', insights: CALM });
    await flush();
    expect(texts('.emotions li')).toEqual(['No strong emotion in their words.']);
    expect(el.querySelector('.suppressed')).toBeNull();
    expect(texts('.product')).toEqual(['Invoicing Pro INV-PRO', 'Payroll PAY']);
  });

  it('should offer a suggestion: accept it, insert its pitch, and stop showing it', async () => {
    const { el, accept, inserted, flush, texts } = await loaded(CALM);
    expect(texts('.reasons li')).toEqual(['Bought Invoicing Basic 14 months ago', 'Often bought with Invoicing']);

    el.querySelectorAll<HTMLButtonElement>('.suggestions .actions button')[0].click();
    await flush();
    expect(accept.last.args).toEqual(['s-inv']);
    expect(inserted).toEqual([]);

    await accept.respond({ suggestion: SUGGESTION, pitch: 'Invoicing Pro would save you the monthly export.' });
    await flush();
    expect(inserted).toEqual(['Invoicing Pro would save you the monthly export.']);
    expect(texts('.product')).toEqual(['Payroll PAY']);
  });

  it('should keep a suggestion and say why when offering it fails', async () => {
    const { accept, flush, button, texts, el } = await loaded(CALM);
    button('Offer it')?.click();
    await flush();
    await accept.fail(409);
    await flush();
    expect(texts('.product')).toEqual(['Invoicing Pro INV-PRO', 'Payroll PAY']);
    expect(el.querySelector('[role=alert]')?.textContent).toBe('Could not accept this suggestion.');
  });

  it('should dismiss a suggestion with the reason the agent picks', async () => {
    const { el, dismiss, flush, texts } = await loaded(CALM);
    el.querySelectorAll<HTMLButtonElement>('.suggestions .actions button')[1].click();
    await flush();
    const group = el.querySelector('[role=group][aria-label="Why not?"]');
    expect([...(group?.querySelectorAll('button') ?? [])].map((b) => b.textContent?.trim())).toEqual([...DISMISS_REASONS, 'Cancel']);

    [...(group?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((b) => b.textContent?.trim() === 'Customer is not interested')?.click();
    await flush();
    expect(dismiss.last.args).toEqual(['s-inv', 'Customer is not interested']);
    await dismiss.respond({ ...SUGGESTION, status: 'dismissed', dismissReason: 'Customer is not interested' });
    await flush();
    expect(texts('.product')).toEqual(['Payroll PAY']);
    expect(el.querySelector('[role=group]')).toBeNull();
  });

  it('should cancel a dismissal without telling the server', async () => {
    const { el, dismiss, flush, button } = await loaded(CALM);
    el.querySelectorAll<HTMLButtonElement>('.suggestions .actions button')[1].click();
    await flush();
    button('Cancel')?.click();
    await flush();
    expect(el.querySelector('[role=group]')).toBeNull();
    expect(dismiss.calls).toHaveLength(0);
    expect(el.querySelectorAll('.suggestions .actions')).toHaveLength(2);
  });

  it('should show why the insights could not be loaded, and load them again on retry', async () => {
    const { el, load, flush, button, texts } = await setup();
    await load.fail(503);
    await flush();
    expect(el.querySelector('[role=alert]')?.textContent).toMatch(/problem answering/);

    button('Retry')?.click();
    await flush();
    expect(load.calls).toHaveLength(2);
    expect(el.querySelector('[role=alert]')).toBeNull();
    await load.respond(ANGRY);
    await flush();
    expect(texts('.emotion')).toEqual(['Angry', 'Disappointed']);
  });

  it('should load the insights of another conversation and drop a late answer for the previous one', async () => {
    const { fixture, load, flush, texts } = await setup();
    fixture.componentRef.setInput('conversationId', 'c2');
    await flush();
    expect(load.calls.map((c) => c.args)).toEqual([['c1'], ['c2']]);

    await load.respond(ANGRY, 0);
    await flush();
    expect(texts('[role=status]')).toEqual(['Reading the conversation…']);
    await load.respond(CALM, 1);
    await flush();
    expect(texts('.product')).toEqual(['Invoicing Pro INV-PRO', 'Payroll PAY']);
  });
});
