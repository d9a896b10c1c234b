import { resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
/** E2E_PORT lets two e2e stacks (two checkouts) run side by side on one machine. */
export const E2E_PORT = process.env['E2E_PORT'] ?? '3100';
export const BASE_URL = `http://localhost:${E2E_PORT}`;

/** The demo workspace seeded by `tools/dev/start.mjs --fresh`. */
export const DEMO_PASSWORD = 'throughline-demo';
export const DEMO_AGENT = 'agent@example.com';
export const DEMO_GENERIC_CONNECTOR_ID = '5eed0000-0000-4000-8000-000000000001';
export const DEMO_SIGNING_SECRET = 'throughline-demo-signing-secret';
