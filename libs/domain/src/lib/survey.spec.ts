import {
  checkSurveyAnswer,
  decideSurvey,
  DEFAULT_SURVEY_SETTINGS,
  isAngry,
  npsDue,
  SURVEY_LINK_PLACEHOLDER,
  surveyAnswerLine,
  surveyDeliveryFor,
  type SurveyEligibilityInput,
  surveyInvitationText,
  surveyOpen,
  type SurveySettingsView,
} from './survey';

const at = (iso: string) => new Date(iso);
const RESOLVED = at('2026-12-01T10:00:00Z');

function settings(change: (s: SurveySettingsView) => void = () => undefined): SurveySettingsView {
  const s = structuredClone(DEFAULT_SURVEY_SETTINGS);
  s.csat.enabled = true;
  s.ces.enabled = true;
  s.csat.delaySeconds = 600;
  change(s);
  return s;
}

function input(change: Partial<SurveyEligibilityInput> = {}): SurveyEligibilityInput {
  return {
    settings: settings(),
    resolvedAt: RESOLVED,
    conversation: { status: 'resolved', resolvedAt: RESOLVED },
    alreadySurveyed: false,
    lastNpsAt: null,
    customerAngry: false,
    agentAnswered: true,
    lastInboundChannel: 'email',
    now: at('2026-12-01T10:10:00Z'),
    ...change,
  };
}

describe('decideSurvey', () => {
  it('sends the enabled kinds by link once the delay has passed', () => {
    expect(decideSurvey(input())).toEqual({ send: true, kinds: ['csat', 'ces'], delivery: 'link' });
  });

  it('waits until resolution + delay when the job comes early (the delay was lengthened)', () => {
    expect(decideSurvey(input({ now: at('2026-12-01T10:09:59Z') }))).toEqual({ send: false, waitUntil: at('2026-12-01T10:10:00Z') });
  });

  it('sends at once with a delay of 0', () => {
    expect(decideSurvey(input({ settings: settings((s) => (s.csat.delaySeconds = 0)), now: RESOLVED }))).toMatchObject({ send: true });
  });

  it('sends nothing when the conversation was reopened, or resolved again later (that resolution has its own survey)', () => {
    expect(decideSurvey(input({ conversation: { status: 'open', resolvedAt: null } }))).toMatchObject({
      send: false,
      reason: expect.stringContaining('reopened'),
    });
    expect(decideSurvey(input({ conversation: { status: 'resolved', resolvedAt: at('2026-12-01T10:05:00Z') } }))).toMatchObject({
      send: false,
      reason: expect.stringContaining('reopened'),
    });
  });

  it('sends nothing twice for one conversation', () => {
    expect(decideSurvey(input({ alreadySurveyed: true }))).toMatchObject({ send: false, reason: expect.stringContaining('surveyed already') });
  });

  it('spares an angry customer nobody answered, but not one who got an answer', () => {
    expect(decideSurvey(input({ customerAngry: true, agentAnswered: false }))).toMatchObject({ send: false, reason: expect.stringContaining('angry') });
    expect(decideSurvey(input({ customerAngry: true, agentAnswered: true }))).toMatchObject({ send: true });
    expect(decideSurvey(input({ customerAngry: false, agentAnswered: false }))).toMatchObject({ send: true });
  });

  it('asks only the enabled kinds, and nothing when none is', () => {
    expect(decideSurvey(input({ settings: settings((s) => (s.ces.enabled = false)) }))).toMatchObject({ kinds: ['csat'] });
    expect(decideSurvey(input({ settings: settings((s) => (s.csat.enabled = false)) }))).toMatchObject({ kinds: ['ces'] });
    const none = settings((s) => {
      s.csat.enabled = false;
      s.ces.enabled = false;
    });
    expect(decideSurvey(input({ settings: none }))).toMatchObject({ send: false, reason: expect.stringContaining('no survey kind') });
  });

  it('adds NPS when enabled and the customer was not asked within the interval', () => {
    const nps = settings((s) => (s.nps.enabled = true));
    const now = at('2026-12-01T10:10:00Z');
    expect(decideSurvey(input({ settings: nps, now }))).toMatchObject({ kinds: ['csat', 'ces', 'nps'] });
    expect(decideSurvey(input({ settings: nps, now, lastNpsAt: at('2026-09-02T10:10:00Z') }))).toMatchObject({ kinds: ['csat', 'ces', 'nps'] });
    expect(decideSurvey(input({ settings: nps, now, lastNpsAt: at('2026-09-02T10:10:01Z') }))).toMatchObject({ kinds: ['csat', 'ces'] });
  });

  it('goes inline in the chat, by link on social and webhooks, and not at all after a call', () => {
    expect(decideSurvey(input({ lastInboundChannel: 'chat' }))).toMatchObject({ delivery: 'inline' });
    expect(decideSurvey(input({ lastInboundChannel: 'social' }))).toMatchObject({ delivery: 'link' });
    expect(decideSurvey(input({ lastInboundChannel: 'generic' }))).toMatchObject({ delivery: 'link' });
    expect(decideSurvey(input({ lastInboundChannel: 'phone' }))).toMatchObject({ send: false, reason: expect.stringContaining('phone') });
    expect(decideSurvey(input({ lastInboundChannel: null }))).toMatchObject({ send: false });
  });
});

describe('surveyDeliveryFor', () => {
  it('names a way for every channel but the phone', () => {
    expect(['email', 'generic', 'social', 'chat', 'phone'].map((c) => surveyDeliveryFor(c as never))).toEqual(['link', 'link', 'link', 'inline', null]);
  });
});

describe('npsDue and surveyOpen', () => {
  it('counts the NPS interval in whole days from the last one', () => {
    expect(npsDue(null, 90, RESOLVED)).toBe(true);
    expect(npsDue(at('2026-11-30T10:00:00Z'), 1, RESOLVED)).toBe(true);
    expect(npsDue(at('2026-11-30T10:00:01Z'), 1, RESOLVED)).toBe(false);
  });

  it('takes answers for seven days after sending', () => {
    expect(surveyOpen(RESOLVED, at('2026-12-08T09:59:59Z'))).toBe(true);
    expect(surveyOpen(RESOLVED, at('2026-12-08T10:00:00Z'))).toBe(false);
  });
});

describe('isAngry', () => {
  it('reads anger or annoyance, or a sentiment at or below −0.5', () => {
    expect(isAngry({ sentiment: { score: 0.2 }, emotions: [{ label: 'annoyance' }] })).toBe(true);
    expect(isAngry({ sentiment: { score: -0.5 }, emotions: [] })).toBe(true);
    expect(isAngry({ sentiment: { score: -0.4 }, emotions: [{ label: 'sadness' }] })).toBe(false);
    expect(isAngry(null)).toBe(false);
  });
});

describe('checkSurveyAnswer', () => {
  const kinds = ['csat', 'ces'] as const;

  it('accepts what the survey asked, in range', () => {
    expect(checkSurveyAnswer(kinds, { csat: 5, ces: 1, comment: 'fine' })).toBeNull();
    expect(checkSurveyAnswer(['csat', 'ces', 'nps'], { csat: 1, nps: 0 })).toBeNull();
  });

  it('names the field that is wrong', () => {
    expect(checkSurveyAnswer(kinds, { ces: 3 })).toEqual({ field: 'csat', message: 'required (1 to 5)' });
    expect(checkSurveyAnswer(kinds, { csat: 6 })?.field).toBe('csat');
    expect(checkSurveyAnswer(kinds, { csat: 4, ces: 8 })?.field).toBe('ces');
    expect(checkSurveyAnswer(kinds, { csat: 4, ces: 2.5 })?.field).toBe('ces');
    expect(checkSurveyAnswer(kinds, { csat: 4, nps: 9 })).toEqual({ field: 'nps', message: 'this survey does not ask it' });
    expect(checkSurveyAnswer(kinds, { csat: 4, comment: 'x'.repeat(2001) })?.field).toBe('comment');
  });

  it('does not require CSAT when the survey did not ask it', () => {
    expect(checkSurveyAnswer(['ces'], { ces: 7 })).toBeNull();
  });
});

describe('texts', () => {
  it('puts the link placeholder in link invitations only', () => {
    expect(surveyInvitationText(DEFAULT_SURVEY_SETTINGS, ['csat'], 'link')).toContain(SURVEY_LINK_PLACEHOLDER);
    expect(surveyInvitationText(DEFAULT_SURVEY_SETTINGS, ['csat'], 'inline')).not.toContain(SURVEY_LINK_PLACEHOLDER);
    expect(surveyInvitationText(DEFAULT_SURVEY_SETTINGS, ['ces'], 'link')).toContain(DEFAULT_SURVEY_SETTINGS.ces.question);
  });

  it('writes the answer line for the timeline', () => {
    expect(surveyAnswerLine({ csat: 4, ces: 6, nps: 9, comment: ' Quick ' }, false)).toBe('Survey answered: CSAT 4/5, CES 6/7, NPS 9/10 — “Quick”');
    expect(surveyAnswerLine({ csat: 2 }, true)).toBe('Survey answer changed: CSAT 2/5');
  });
});
