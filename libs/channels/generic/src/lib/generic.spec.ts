import { generic } from './generic';

describe('generic', () => {
  it('should work', () => {
    expect(generic()).toEqual('generic');
  });
});
