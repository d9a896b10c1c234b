import { serverCustomers } from './server-customers';

describe('serverCustomers', () => {
  it('should work', () => {
    expect(serverCustomers()).toEqual('server-customers');
  });
});
