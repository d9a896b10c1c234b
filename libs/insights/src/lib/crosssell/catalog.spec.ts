import { consistentOrders, validateOrderLines, validateProducts } from './catalog';

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
    expect(errors).toEqual([{ line: 2, reason: 'quantity must be at least 1' }]);
  });
});

describe('consistentOrders', () => {
  const line = (orderId: string, sku: string, customerEmail = 'a@example.com', orderedAt = '2026-11-01') => ({
    orderId,
    customerEmail,
    sku,
    quantity: 1,
    orderedAt,
  });

  it('keeps the lines of one order together and refuses another customer, date or a repeated SKU', () => {
    const { rows, errors } = validateOrderLines(
      [
        line('o-1', 'A'),
        line('o-1', 'B'),
        line('o-1', 'C', 'b@example.com'),
        line('o-1', 'D', 'a@example.com', '2026-11-02'),
        line('o-1', 'A'),
        line('o-2', 'A', 'b@example.com'),
      ],
      consistentOrders(),
    );
    expect(rows.map((row) => `${row.orderId}/${row.sku}`)).toEqual(['o-1/A', 'o-1/B', 'o-2/A']);
    expect(errors).toEqual([
      {
        line: 3,
        reason: 'order "o-1" belongs to a@example.com, not b@example.com',
      },
      {
        line: 4,
        reason: 'order "o-1" was placed at 2026-11-01T00:00:00.000Z, not 2026-11-02T00:00:00.000Z',
      },
      { line: 5, reason: 'order "o-1" lists SKU "A" twice' },
    ]);
  });

  it('checks against orders imported before', () => {
    const check = consistentOrders(
      new Map([
        [
          'o-9',
          {
            customerEmail: 'a@example.com',
            orderedAt: new Date('2026-11-01T00:00:00Z'),
          },
        ],
      ]),
    );
    const { errors } = validateOrderLines([line('o-9', 'A'), line('o-9', 'B', 'c@example.com')], check);
    expect(errors).toEqual([
      {
        line: 2,
        reason: 'order "o-9" belongs to a@example.com, not c@example.com',
      },
    ]);
  });
});
