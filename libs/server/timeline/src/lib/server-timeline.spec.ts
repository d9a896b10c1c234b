import { serverTimeline } from './server-timeline';

describe('serverTimeline', () => {
  it('should work', () => {
    expect(serverTimeline()).toEqual('server-timeline');
  });
});
