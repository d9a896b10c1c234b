import { serverHealth } from './server-health';

describe('serverHealth', () => {
  it('should work', () => {
    expect(serverHealth()).toEqual('server-health');
  });
});
