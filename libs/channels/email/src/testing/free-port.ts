import * as net from 'node:net';

/** A local TCP port nothing listens on right now (the OS picks it), e.g. for a "connection refused" test. */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
