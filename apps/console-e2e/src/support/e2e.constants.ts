import { resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
export const BASE_URL = 'http://localhost:3100';

/** The demo workspace seeded by `tools/dev/start.mjs --fresh`. */
export const DEMO_PASSWORD = 'throughline-demo';
export const DEMO_AGENT = 'agent@example.com';
export const DEMO_GENERIC_CONNECTOR_ID = '5eed0000-0000-4000-8000-000000000001';
export const DEMO_SIGNING_SECRET = 'throughline-demo-signing-secret';
