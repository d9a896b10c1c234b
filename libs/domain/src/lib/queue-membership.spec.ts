import { effectiveQueueMembers } from './queue-membership';

describe('effectiveQueueMembers', () => {
  const teams = new Map([
    ['billing', ['u3', 'u1']],
    ['nights', ['u4']],
    ['empty', []],
  ]);

  it('is the users named on the queue when it has no team', () => {
    expect(effectiveQueueMembers({ memberIds: ['u2', 'u1'], teamIds: [] }, teams)).toEqual(['u1', 'u2']);
  });

  it('adds every member of each team, each user once', () => {
    expect(effectiveQueueMembers({ memberIds: ['u1', 'u2'], teamIds: ['billing', 'nights'] }, teams)).toEqual(['u1', 'u2', 'u3', 'u4']);
  });

  it('is only the team members when nobody is named', () => {
    expect(effectiveQueueMembers({ memberIds: [], teamIds: ['billing'] }, teams)).toEqual(['u1', 'u3']);
  });

  it('counts an empty or unknown team as nobody', () => {
    expect(effectiveQueueMembers({ memberIds: [], teamIds: ['empty', 'gone'] }, teams)).toEqual([]);
  });
});
