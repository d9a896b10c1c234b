import { serverSeed } from './server-seed';

describe('serverSeed', () => {
  it('should work', () => {
    expect(serverSeed()).toEqual('server-seed');
  });
});
