import { decideThread } from './threading';

describe('decideThread', () => {
  it('should append to the conversation carrying the thread key', () => {
    expect(decideThread({ threadKey: 'T1', byThreadKey: { id: 'c1', status: 'open' }, openOnConnector: null })).toEqual({
      action: 'append',
      conversationId: 'c1',
      reopen: false,
    });
  });

  it('should reopen a resolved conversation when its thread continues', () => {
    expect(decideThread({ threadKey: 'T1', byThreadKey: { id: 'c1', status: 'resolved' }, openOnConnector: null })).toEqual({
      action: 'append',
      conversationId: 'c1',
      reopen: true,
    });
  });

  it('should start a new conversation for a new thread key even if the customer has an open one', () => {
    expect(decideThread({ threadKey: 'T2', byThreadKey: null, openOnConnector: { id: 'c1', status: 'open' } })).toEqual({
      action: 'create',
    });
  });

  it('should use the open conversation on the connector when there is no thread key', () => {
    expect(decideThread({ byThreadKey: null, openOnConnector: { id: 'c1', status: 'pending' } })).toEqual({
      action: 'append',
      conversationId: 'c1',
      reopen: true,
    });
  });

  it('should create a conversation when the only one on the connector is resolved', () => {
    expect(decideThread({ byThreadKey: null, openOnConnector: { id: 'c1', status: 'resolved' } })).toEqual({ action: 'create' });
  });
});

describe('decideThread with references', () => {
  const open = { id: 'c-open', status: 'open' as const };
  const resolved = { id: 'c-resolved', status: 'resolved' as const };

  it('should prefer a referenced conversation over a subject match', () => {
    expect(decideThread({ byThreadKey: null, byReference: resolved, bySubject: open, openOnConnector: null })).toEqual({
      action: 'append',
      conversationId: 'c-resolved',
      reopen: true,
    });
  });

  it('should fall back to the same subject when nothing is referenced', () => {
    expect(decideThread({ byThreadKey: null, byReference: null, bySubject: open, openOnConnector: null })).toEqual({
      action: 'append',
      conversationId: 'c-open',
      reopen: false,
    });
  });

  it('should let automatic mail join a referenced conversation without reopening it', () => {
    expect(decideThread({ byThreadKey: null, byReference: resolved, openOnConnector: null, automated: true })).toEqual({
      action: 'append',
      conversationId: 'c-resolved',
      reopen: false,
    });
  });

  it('should never open a conversation for automatic mail nobody claims', () => {
    expect(decideThread({ byThreadKey: null, byReference: null, bySubject: null, openOnConnector: null, automated: true })).toEqual({
      action: 'detach',
    });
  });
});

describe('decideThread within a window (calls)', () => {
  const call = new Date('2026-01-05T12:00:00Z');
  const openWithin = { hours: 72, occurredAt: call };
  const hoursBefore = (hours: number) => new Date(call.getTime() - hours * 3600_000);

  it('should join the open or pending conversation active within the window', () => {
    expect(decideThread({ byThreadKey: null, openOnConnector: { id: 'c1', status: 'open', lastMessageAt: hoursBefore(71) }, openWithin })).toEqual({
      action: 'append',
      conversationId: 'c1',
      reopen: false,
    });
    expect(decideThread({ byThreadKey: null, openOnConnector: { id: 'c1', status: 'pending', lastMessageAt: hoursBefore(1) }, openWithin })).toEqual({
      action: 'append',
      conversationId: 'c1',
      reopen: true,
    });
  });

  it('should start a new conversation when the open one went quiet before the window', () => {
    expect(decideThread({ byThreadKey: null, openOnConnector: { id: 'c1', status: 'open', lastMessageAt: hoursBefore(73) }, openWithin })).toEqual({
      action: 'create',
    });
  });

  it('should not join a snoozed or resolved conversation, however recent', () => {
    for (const status of ['snoozed', 'resolved'] as const) {
      expect(decideThread({ byThreadKey: null, openOnConnector: { id: 'c1', status, lastMessageAt: hoursBefore(1) }, openWithin })).toEqual({
        action: 'create',
      });
    }
  });

  it('should not guess when the candidate has no last message time', () => {
    expect(decideThread({ byThreadKey: null, openOnConnector: { id: 'c1', status: 'open' }, openWithin })).toEqual({ action: 'create' });
  });
});
