import { validateOrderLines, validateProducts } from './catalog';

describe('validateProducts (API import)', () => {
  it('accepts tags as an array, and reports bad rows by position', () => {
    const { rows, errors } = validateProducts([
      { sku: 'A', name: 'Alpha', tags: ['One', ' two '], price: 5 },
      { sku: 'B', name: '', price: 5 },
      { sku: 'A', name: 'Again', price: 1 },
      'not an object',
    ]);
    expect(rows).toEqual([
      {
        sku: 'A',
        name: 'Alpha',
        description: '',
        tags: ['one', 'two'],
        price: 5,
        upgradeOf: null,
      },
    ]);
    expect(errors).toEqual([
      { line: 2, reason: 'name is required' },
      { line: 3, reason: 'duplicate SKU "A"' },
      { line: 4, reason: expect.any(String) },
    ]);
  });
});

describe('validateOrderLines (API import)', () => {
  it('accepts numbers and ISO strings as they come in JSON', () => {
    const { rows, errors } = validateOrderLines([
      {
        orderId: 'o-1',
        customerEmail: 'a@example.com',
        sku: 'A',
        quantity: 3,
        orderedAt: '2026-11-01T10:00:00+01:00',
      },
      {
        orderId: 'o-2',
        customerEmail: 'a@example.com',
        sku: 'A',
        quantity: -1,
        orderedAt: '2026-11-01',
      },
    ]);
    expect(rows).toEqual([
      {
        orderId: 'o-1',
        customerEmail: 'a@example.com',
        sku: 'A',
        quantity: 3,
        orderedAt: new Date('2026-11-01T09:00:00Z'),
      },
    ]);
    expect(errors).toEqual([
      { line: 2, reason: 'quantity must be at least 1' },
    ]);
  });
});
