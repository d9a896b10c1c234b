import { serverRealtime } from './server-realtime';

describe('serverRealtime', () => {
  it('should work', () => {
    expect(serverRealtime()).toEqual('server-realtime');
  });
});
