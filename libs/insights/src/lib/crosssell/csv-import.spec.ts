import { parseOrdersCsv, parseProductsCsv } from './csv-import';

describe('parseProductsCsv', () => {
  it('keeps good rows and reports each bad row by line', () => {
    const csv = [
      'sku,name,description,tags,price,upgrade_of',
      'HD-BASIC,Helpdesk Basic,Shared inbox,helpdesk;plan,19,',
      'HD-PRO,Helpdesk Pro,"Everything in Basic,',
      'plus SLAs",helpdesk|plan|sla,49.50,HD-BASIC',
      'BAD SKU,Broken,,,10,',
      'NOPRICE,No price,,,,',
      'NEG,Negative,,,-1,',
      'SELF,Self upgrade,,,5,SELF',
      'SHORT,Too few columns',
      'HD-BASIC,Duplicate,,,1,',
      'WF-AUTO,Workflow Automation,,automation,29,',
    ].join('\n');
    const { rows, errors } = parseProductsCsv(csv);
    expect(rows).toEqual([
      {
        sku: 'HD-BASIC',
        name: 'Helpdesk Basic',
        description: 'Shared inbox',
        tags: ['helpdesk', 'plan'],
        price: 19,
        upgradeOf: null,
      },
      {
        sku: 'HD-PRO',
        name: 'Helpdesk Pro',
        description: 'Everything in Basic,\nplus SLAs',
        tags: ['helpdesk', 'plan', 'sla'],
        price: 49.5,
        upgradeOf: 'HD-BASIC',
      },
      {
        sku: 'WF-AUTO',
        name: 'Workflow Automation',
        description: '',
        tags: ['automation'],
        price: 29,
        upgradeOf: null,
      },
    ]);
    expect(errors).toEqual([
      { line: 5, reason: expect.stringContaining('SKU must be') },
      { line: 6, reason: 'price must be a number' },
      { line: 7, reason: 'price must not be negative' },
      { line: 8, reason: 'a product cannot upgrade itself' },
      {
        line: 9,
        reason: expect.stringContaining('columns length is 6, got 2'),
      },
      { line: 10, reason: 'duplicate SKU "HD-BASIC"' },
    ]);
  });

  it('reports a wrong header on line 1 and reads nothing', () => {
    expect(parseProductsCsv('sku,title,price\nA,B,1')).toEqual({
      rows: [],
      errors: [
        {
          line: 1,
          reason: 'header must be sku,name,description,tags,price,upgrade_of: missing name, description, tags, upgrade_of; unknown title',
        },
      ],
    });
    expect(parseProductsCsv('').errors).toEqual([{ line: 1, reason: expect.stringContaining('header must be') }]);
  });

  it('reports an unclosed quote and keeps the rows before it', () => {
    const { rows, errors } = parseProductsCsv('sku,name,description,tags,price,upgrade_of\nA,Alpha,,,1,\nB,"Beta,,,2,');
    expect(rows.map((row) => row.sku)).toEqual(['A']);
    expect(errors).toEqual([{ line: 3, reason: expect.stringContaining('Quote Not Closed') }]);
  });
});

describe('parseOrdersCsv', () => {
  it('keeps good order lines and reports bad ones by line', () => {
    const csv = [
      'order_id,customer_email,sku,quantity,ordered_at',
      'o-1,Ann@Example.com,HD-BASIC,1,2026-10-01',
      'o-1,ann@example.com,SMS,2,2026-10-01T09:30:00Z',
      'o-2,not-an-email,SMS,1,2026-10-02',
      'o-3,bob@example.com,SMS,0,2026-10-02',
      'o-4,bob@example.com,SMS,1.5,2026-10-02',
      'o-5,bob@example.com,SMS,1,yesterday',
      ',bob@example.com,SMS,1,2026-10-02',
    ].join('\n');
    const { rows, errors } = parseOrdersCsv(csv);
    expect(rows).toEqual([
      {
        orderId: 'o-1',
        customerEmail: 'ann@example.com',
        sku: 'HD-BASIC',
        quantity: 1,
        orderedAt: new Date('2026-10-01T00:00:00Z'),
      },
      {
        orderId: 'o-1',
        customerEmail: 'ann@example.com',
        sku: 'SMS',
        quantity: 2,
        orderedAt: new Date('2026-10-01T09:30:00Z'),
      },
    ]);
    expect(errors).toEqual([
      { line: 4, reason: 'customer email is not an email address' },
      { line: 5, reason: 'quantity must be at least 1' },
      { line: 6, reason: 'quantity must be a whole number' },
      { line: 7, reason: 'ordered at must be an ISO 8601 date or date-time' },
      { line: 8, reason: 'order id is required' },
    ]);
  });
});
