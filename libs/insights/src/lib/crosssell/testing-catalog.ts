import { Product } from './catalog';

/** A small helpdesk catalog shared by the cross-sell specs. */
export const CATALOG: Product[] = [
  {
    sku: 'HD-BASIC',
    name: 'Helpdesk Basic',
    description: 'Shared inbox for small teams.',
    tags: ['helpdesk', 'plan'],
    price: 19,
    upgradeOf: null,
  },
  {
    sku: 'HD-PRO',
    name: 'Helpdesk Pro',
    description: 'Everything in Basic plus SLAs and reports.',
    tags: ['helpdesk', 'plan', 'sla'],
    price: 49,
    upgradeOf: 'HD-BASIC',
  },
  {
    sku: 'HD-ENT',
    name: 'Helpdesk Enterprise',
    description: 'Everything in Pro plus SSO and audit logs.',
    tags: ['helpdesk', 'plan', 'sso'],
    price: 99,
    upgradeOf: 'HD-PRO',
  },
  {
    sku: 'WF-AUTO',
    name: 'Workflow Automation',
    description: "Automate repetitive steps with rules and triggers and speed up your team's workflow.",
    tags: ['automation', 'speed', 'workflow'],
    price: 29,
    upgradeOf: null,
  },
  {
    sku: 'AN-ADD',
    name: 'Analytics Add-on',
    description: 'Dashboards and reports on response times.',
    tags: ['analytics', 'reports'],
    price: 15,
    upgradeOf: null,
  },
  {
    sku: 'SMS',
    name: 'SMS Channel',
    description: 'Answer text messages from the inbox.',
    tags: ['sms', 'channel'],
    price: 10,
    upgradeOf: null,
  },
];
