import { serverConversations } from './server-conversations';

describe('serverConversations', () => {
  it('should work', () => {
    expect(serverConversations()).toEqual('server-conversations');
  });
});
