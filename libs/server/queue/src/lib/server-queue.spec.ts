import { serverQueue } from './server-queue';

describe('serverQueue', () => {
  it('should work', () => {
    expect(serverQueue()).toEqual('server-queue');
  });
});
