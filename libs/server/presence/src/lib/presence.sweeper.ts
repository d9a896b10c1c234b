import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PeriodicSweep } from '@throughline/server/queue';
import { PresenceService, SOCKET_RENEW_MS } from './presence.service';

/**
 * In every API process: settles the agents announced present, so an agent whose sockets were on
 * a process that died (or whose grace timer died with it) still goes offline.
 */
@Injectable()
export class PresenceSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly sweep = new PeriodicSweep('presence sweep', new Logger(PresenceSweeper.name));

  constructor(private readonly presence: PresenceService) {}

  onApplicationBootstrap(): void {
    this.sweep.every(SOCKET_RENEW_MS, () => this.presence.sweep());
  }

  async onModuleDestroy(): Promise<void> {
    await this.sweep.stop();
  }
}
