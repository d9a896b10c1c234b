import { resolveCustomer } from './identity-resolution';

describe('resolveCustomer', () => {
  it('should ask for a new customer when no identity is known, attaching all of them', () => {
    const r = resolveCustomer(
      [
        { kind: 'email', value: 'a@x.io' },
        { kind: 'phone', value: '+14155550100' },
      ],
      [],
    );
    expect(r).toEqual({
      customerId: null,
      toAttach: [
        { kind: 'email', value: 'a@x.io' },
        { kind: 'phone', value: '+14155550100' },
      ],
      conflicting: [],
    });
  });

  it('should pick the owner of a known identity and attach the new ones to it', () => {
    const r = resolveCustomer(
      [
        { kind: 'email', value: 'a@x.io' },
        { kind: 'phone', value: '+14155550100' },
      ],
      [{ kind: 'phone', value: '+14155550100', customerId: 'c1' }],
    );
    expect(r.customerId).toBe('c1');
    expect(r.toAttach).toEqual([{ kind: 'email', value: 'a@x.io' }]);
    expect(r.conflicting).toEqual([]);
  });

  it('should let the first known identity decide and report, not move, identities of another customer', () => {
    const r = resolveCustomer(
      [
        { kind: 'email', value: 'a@x.io' },
        { kind: 'phone', value: '+14155550100' },
      ],
      [
        { kind: 'phone', value: '+14155550100', customerId: 'c2' },
        { kind: 'email', value: 'a@x.io', customerId: 'c1' },
      ],
    );
    expect(r.customerId).toBe('c1');
    expect(r.toAttach).toEqual([]);
    expect(r.conflicting).toEqual([{ kind: 'phone', value: '+14155550100', customerId: 'c2' }]);
  });

  it('should ignore an identity given twice', () => {
    const r = resolveCustomer(
      [
        { kind: 'email', value: 'a@x.io' },
        { kind: 'email', value: 'a@x.io' },
      ],
      [],
    );
    expect(r.toAttach).toHaveLength(1);
  });
});
