/** The demo shop: kitchen appliances (María's blender) and invoicing software (Northwind's), each with a Basic → Pro path. */
export const DEMO_PRODUCTS = [
  {
    sku: 'BLEND-BASIC',
    name: 'Blender Basic',
    description: 'A 600 W countertop blender with a 1.5 l glass jar.',
    tags: ['kitchen', 'blender'],
    price: 79,
    upgradeOf: null,
  },
  {
    sku: 'BLEND-PRO',
    name: 'Blender Pro',
    description: 'A 1200 W blender with a shatter-proof jar, six programs and a self-cleaning mode.',
    tags: ['kitchen', 'blender', 'shatter-proof'],
    price: 189,
    upgradeOf: 'BLEND-BASIC',
  },
  {
    sku: 'JAR-GLASS',
    name: 'Replacement Glass Jar',
    description: 'A spare 1.5 l glass jar for Blender Basic.',
    tags: ['kitchen', 'spare part', 'jar'],
    price: 24,
    upgradeOf: null,
  },
  {
    sku: 'WARRANTY-3Y',
    name: '3-Year Appliance Warranty',
    description: 'Free repair or replacement of a damaged or broken appliance for three years.',
    tags: ['warranty', 'damage', 'replacement'],
    price: 29,
    upgradeOf: null,
  },
  {
    sku: 'SMOOTHIE-BOOK',
    name: 'Smoothie Recipe Book',
    description: '120 smoothie and soup recipes for any blender.',
    tags: ['kitchen', 'recipes'],
    price: 15,
    upgradeOf: null,
  },
  {
    sku: 'TRAVEL-CUP',
    name: 'Blend & Go Cup',
    description: 'A travel cup that fits the blender base, for smoothies on the way.',
    tags: ['kitchen', 'travel'],
    price: 19,
    upgradeOf: null,
  },
  {
    sku: 'INV-BASIC',
    name: 'Invoicing Basic',
    description: 'Create and send invoices with your VAT number and logo.',
    tags: ['invoicing', 'billing'],
    price: 12,
    upgradeOf: null,
  },
  {
    sku: 'INV-PRO',
    name: 'Invoicing Pro',
    description: 'Recurring invoices, bulk sending and reminders that speed up monthly billing.',
    tags: ['invoicing', 'billing', 'recurring', 'bulk'],
    price: 39,
    upgradeOf: 'INV-BASIC',
  },
  {
    sku: 'WORKFLOW-AUTO',
    name: 'Workflow Automation',
    description: 'Automate repetitive steps and speed up your team workflow with rules and templates.',
    tags: ['automation', 'workflow', 'speed'],
    price: 25,
    upgradeOf: null,
  },
  {
    sku: 'BANK-SYNC',
    name: 'Bank Sync',
    description: 'Match payments from your bank account to invoices automatically.',
    tags: ['banking', 'payments'],
    price: 9,
    upgradeOf: null,
  },
  {
    sku: 'PRIORITY-SUPPORT',
    name: 'Priority Support',
    description: 'Phone support with a one-hour answer time.',
    tags: ['support', 'phone'],
    price: 49,
    upgradeOf: null,
  },
  {
    sku: 'TEAM-SEATS-5',
    name: 'Five Extra Seats',
    description: 'Five more users for your team on any invoicing plan.',
    tags: ['team', 'users', 'seats'],
    price: 20,
    upgradeOf: null,
  },
];

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

/** Orders of the demo customers, and of a few shop customers, so "also bought" rules have something to learn from. */
export function demoOrders(): Array<Record<string, unknown>> {
  const line = (orderId: string, customerEmail: string, sku: string, ago: number) => ({ orderId, customerEmail, sku, quantity: 1, orderedAt: daysAgo(ago) });
  return [
    line('4821', 'maria.lopez@example.net', 'BLEND-BASIC', 2),
    line('4821', 'maria.lopez@example.net', 'SMOOTHIE-BOOK', 2),
    line('NW-1001', 'lena@northwind.example', 'INV-BASIC', 120),
    line('NW-1002', 'lena@northwind.example', 'TEAM-SEATS-5', 60),
    line('5102', 'jonas@example.org', 'BLEND-BASIC', 40),
    line('5102', 'jonas@example.org', 'TRAVEL-CUP', 40),
    line('5110', 'jonas@example.org', 'SMOOTHIE-BOOK', 35),
    line('5230', 'keiko@example.org', 'BLEND-PRO', 20),
    line('5230', 'keiko@example.org', 'TRAVEL-CUP', 20),
    line('5230', 'keiko@example.org', 'SMOOTHIE-BOOK', 20),
    line('AC-2001', 'billing@acme.example', 'INV-BASIC', 90),
    line('AC-2001', 'billing@acme.example', 'WORKFLOW-AUTO', 90),
    line('AC-2002', 'billing@acme.example', 'BANK-SYNC', 45),
    line('GL-3001', 'finance@globex.example', 'INV-PRO', 80),
    line('GL-3001', 'finance@globex.example', 'WORKFLOW-AUTO', 80),
    line('GL-3001', 'finance@globex.example', 'TEAM-SEATS-5', 80),
  ];
}
