import { Logger } from '@nestjs/common';
import { exitOnStartupError, loadConfig } from '@throughline/server/config';
import { prepareDatabase } from '@throughline/server/database';
import { assertRedisReachable } from '@throughline/server/queue';
import { bootstrapWorker } from '@throughline/server/runtime';

async function main(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config.databaseUrl);
  await assertRedisReachable(config.redisUrl);
  await bootstrapWorker(config);
  new Logger('Throughline').log(`worker processing ingest and deliver jobs (concurrency ${config.ingestConcurrency})`);
}

main().catch(exitOnStartupError);
