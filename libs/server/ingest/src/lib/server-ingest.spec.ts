import { serverIngest } from './server-ingest';

describe('serverIngest', () => {
  it('should work', () => {
    expect(serverIngest()).toEqual('server-ingest');
  });
});
