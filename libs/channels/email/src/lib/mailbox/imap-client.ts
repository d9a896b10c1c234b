import { ImapFlow, ImapFlowOptions } from 'imapflow';
import { DEFAULT_CONNECTION_TIMEOUT_MS, ImapAccount, mailServerTarget } from './mailbox-settings';

/** imapflow's options for the account, connecting to the address the outbound guard checked. */
export async function imapClientOptions(account: ImapAccount): Promise<ImapFlowOptions> {
  const timeout = account.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS;
  return {
    ...(await mailServerTarget(account)),
    port: account.port,
    secure: account.secure,
    auth: { user: account.user, pass: account.password },
    tls: { rejectUnauthorized: account.rejectUnauthorized ?? true },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    logger: false,
  };
}

/** A client whose connection errors surface as rejected commands rather than as an unhandled 'error' event. */
export async function createImapClient(account: ImapAccount, options: Partial<ImapFlowOptions> = {}): Promise<ImapFlow> {
  const client = new ImapFlow({ ...(await imapClientOptions(account)), ...options });
  client.on('error', () => undefined);
  return client;
}

/** Logs in, runs `work`, and logs out whatever happened. */
export async function withImapClient<T>(account: ImapAccount, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = await createImapClient(account, { disableAutoIdle: true });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await closeImapClient(client);
  }
}

/** LOGOUT, or just drop the connection when the server is gone; never throws. */
export async function closeImapClient(client: ImapFlow): Promise<void> {
  await client.logout().catch(() => client.close());
}
