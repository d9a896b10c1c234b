import { Controller, Get, Header, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Public } from '@throughline/server/auth';
import { JobProducer } from '@throughline/server/queue';
import { metricsRegistry } from './metrics';

async function check(name: string, probe: () => Promise<unknown>, timeoutMs = 2000): Promise<[string, string]> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([probe(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), timeoutMs)))]);
    return [name, 'ok'];
  } catch (err) {
    return [name, `down: ${(err as Error).message}`];
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(JobProducer) private readonly jobs: JobProducer,
  ) {}

  /** The process is up. */
  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Postgres and Redis are reachable: the process can take traffic. */
  @Get('ready')
  async ready(): Promise<{ status: 'ready'; checks: Record<string, string> }> {
    const checks = Object.fromEntries(await Promise.all([check('postgres', () => this.db.query('SELECT 1')), check('redis', () => this.jobs.ping())]));
    if (Object.values(checks).some((v) => v !== 'ok')) {
      throw new ServiceUnavailableException(
        Object.entries(checks)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; '),
      );
    }
    return { status: 'ready', checks };
  }

  @Get('metrics')
  @Header('content-type', metricsRegistry.contentType)
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
