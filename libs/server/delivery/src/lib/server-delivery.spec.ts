import { serverDelivery } from './server-delivery';

describe('serverDelivery', () => {
  it('should work', () => {
    expect(serverDelivery()).toEqual('server-delivery');
  });
});
