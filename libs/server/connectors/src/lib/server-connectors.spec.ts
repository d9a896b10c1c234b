import { serverConnectors } from './server-connectors';

describe('serverConnectors', () => {
  it('should work', () => {
    expect(serverConnectors()).toEqual('server-connectors');
  });
});
