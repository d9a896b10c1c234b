import { Logger } from '@nestjs/common';
import { exitOnStartupError, loadConfig } from '@throughline/server/config';
import { prepareDatabase } from '@throughline/server/database';
import { assertRedisReachable } from '@throughline/server/queue';
import { bootstrapApi } from '@throughline/server/runtime';

async function main(): Promise<void> {
  const config = loadConfig();
  const applied = await prepareDatabase(config.databaseUrl);
  await assertRedisReachable(config.redisUrl);
  await bootstrapApi(config);
  const logger = new Logger('Throughline');
  if (applied.length) logger.log(`applied migrations: ${applied.join(', ')}`);
  logger.log(`API listening on ${config.publicUrl} (console at /, OpenAPI at /api/docs)`);
}

main().catch(exitOnStartupError);
