import type { APIRequestContext } from '@playwright/test';
import type { ConnectorView, CreatedConnectorView, LoginResponse } from '@throughline/domain';
import { BASE_URL, DEMO_PASSWORD } from './e2e.constants';

/** A bearer token of a demo user, for setting things up through the API. */
export async function tokenOf(request: APIRequestContext, email: string): Promise<string> {
  const response = await request.post(`${BASE_URL}/api/auth/login`, { data: { email, password: DEMO_PASSWORD } });
  if (!response.ok()) throw new Error(`login of ${email} failed: ${response.status()}`);
  return ((await response.json()) as LoginResponse).accessToken;
}

/** Creates a generic connector whose replies go to `callbackUrl`; returns it with its signing secret. */
export async function createGenericConnector(request: APIRequestContext, adminToken: string, callbackUrl: string): Promise<CreatedConnectorView> {
  const response = await request.post(`${BASE_URL}/api/connectors`, {
    headers: { Authorization: `Bearer ${adminToken}` },
    data: { name: `E2E callback ${Date.now()}`, kind: 'generic', provider: 'generic', config: { callbackUrl }, secrets: {} },
  });
  if (response.status() !== 201) throw new Error(`connector creation failed: ${response.status()} ${await response.text()}`);
  return (await response.json()) as CreatedConnectorView;
}

export type { ConnectorView };
