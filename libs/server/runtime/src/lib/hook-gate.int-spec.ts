import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { genericPayload, TestStack } from '../testing/test-stack';

describe('webhooks to unknown connectors are refused before the body is read (real API)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start();
  });

  afterAll(() => stack?.close());

  /**
   * Declares a body under the limit, sends only its first KiB and waits for the answer: it only
   * comes if the server answers without reading the rest.
   */
  const answerToPartialBody = (path: string): Promise<{ status: number; body: { message?: string } }> =>
    new Promise((resolve, reject) => {
      const req = request(
        `${stack.baseUrl}${path}`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(512 * 1024) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') });
          });
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? undefined : reject(err)));
      req.write(Buffer.alloc(1024, 0x20));
    });

  it('should answer 404 for an unknown or malformed connector id and 403 for a disabled one without waiting for the body', async () => {
    expect(await answerToPartialBody(`/api/hooks/${randomUUID()}/generic`)).toMatchObject({ status: 404, body: { message: 'no such connector' } });
    expect(await answerToPartialBody('/api/hooks/not-a-uuid/email')).toMatchObject({ status: 404 });
    const connector = await stack.createGenericConnector();
    expect((await stack.request('PATCH', `/api/connectors/${connector.id}`, 'admin', { enabled: false })).status).toBe(200);
    expect(await answerToPartialBody(`/api/hooks/${connector.id}/generic`)).toMatchObject({
      status: 403,
      body: { message: expect.stringMatching(/is disabled/) },
    });
  });

  it('should still take a whole, signed webhook for an enabled connector', async () => {
    const connector = await stack.createGenericConnector();
    expect((await stack.sendWebhook(connector, genericPayload())).status).toBe(202);
  });
});
