import { createServer } from 'node:net';
import { startRecordingServer } from '../testing/recording-server';
import { requestJson, SocialDeliveryError } from './delivery';

const failureOf = async (url: string): Promise<SocialDeliveryError> => {
  const error = await requestJson({ method: 'POST', url, accessToken: 't', body: { text: 'hi' } }, { platform: 'X', timeoutMs: 5000 }).catch(
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(SocialDeliveryError);
  return error as SocialDeliveryError;
};

describe('requestJson: whether a failed post may exist', () => {
  it('should call the outcome unknown when the connection dies after the platform got the request', async () => {
    const fake = await startRecordingServer(() => ({ status: 201, dropConnection: true }));
    try {
      const error = await failureOf(`${fake.baseUrl}/2/tweets`);
      expect(fake.requests).toHaveLength(1);
      expect(error).toMatchObject({ permanent: false, outcomeUnknown: true });
    } finally {
      await fake.close();
    }
  });

  it('should know nothing was posted when the connection was refused', async () => {
    // A port that was just free: nothing listens there.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await failureOf(`http://127.0.0.1:${port}/2/tweets`)).toMatchObject({ permanent: false, outcomeUnknown: false });
  });

  it('should know nothing was posted when the platform answered an error, but not after a gateway timeout', async () => {
    const statuses = [503, 504];
    const fake = await startRecordingServer(() => ({ status: statuses.shift() ?? 500, body: { title: 'trouble' } }));
    try {
      expect(await failureOf(fake.baseUrl)).toMatchObject({ status: 503, outcomeUnknown: false });
      expect(await failureOf(fake.baseUrl)).toMatchObject({ status: 504, outcomeUnknown: true });
    } finally {
      await fake.close();
    }
  });
});
