import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { createBlockingRedis } from '@throughline/server/queue';

/** Socket.IO over Redis pub/sub, so any API process can reach any connected agent. */
export class RedisIoAdapter extends IoAdapter {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private closing: Promise<void> | null = null;

  constructor(
    app: INestApplicationContext,
    redisUrl: string,
    private readonly key: string,
  ) {
    super(app);
    this.pub = createBlockingRedis(redisUrl);
    this.sub = createBlockingRedis(redisUrl);
    for (const client of [this.pub, this.sub]) client.on('error', () => undefined);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    // Chat widgets run on customers' sites: long-polling from there needs CORS. Any origin may try;
    // /chat checks each widget's allowedOrigins in its handshake, /agents needs a bearer token (no cookies).
    const server = super.createIOServer(port, { ...options, path: '/socket.io', serveClient: false, cors: { origin: true } }) as Server;
    server.adapter(createAdapter(this.pub, this.sub, { key: this.key }));
    return server;
  }

  /**
   * Nest calls this once per gateway (`/agents`, `/chat`), all on one server: only the first call
   * closes. A second would make the Redis adapter UNSUBSCRIBE on a client already quit, and those
   * rejections surface unhandled.
   */
  override close(server: Server): Promise<void> {
    this.closing ??= (async () => {
      await super.close(server);
      // quit (not disconnect) lets the adapter's own in-flight UNSUBSCRIBEs finish instead of rejecting unhandled.
      await Promise.all([this.pub, this.sub].map((client) => client.quit().catch(() => client.disconnect())));
    })();
    return this.closing;
  }
}
