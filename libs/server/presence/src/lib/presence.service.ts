import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Subject } from 'rxjs';
import { type AgentPresenceView, agentStatus, type ChosenAgentStatus, offlineAt, rooms } from '@throughline/domain';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { RealtimePublisher } from '@throughline/server/queue';
import { PresenceRepository, type StoredPresence } from './presence.repository';

/** How often an API process renews its sockets in Redis; a socket is alive until three renewals are missed. */
export const SOCKET_RENEW_MS = 10_000;
const SOCKET_ALIVE_MS = 3 * SOCKET_RENEW_MS;

/**
 * Agent presence across every API process: sockets opening and closing, the agent's choice, and
 * the grace period after the last socket closes. Each change is announced once for the whole
 * deployment (`agent.presence` to supervisors and the agent's own consoles, and `changes$` in the
 * process that announced it, for whoever must act on it).
 */
@Injectable()
export class PresenceService implements OnModuleDestroy {
  private readonly logger = new Logger(PresenceService.name);
  /** This process's open sockets, renewed in Redis while they stay open. */
  private readonly localSockets = new Map<string, string>();
  private readonly graceTimers = new Map<string, NodeJS.Timeout>();
  private renewTimer?: NodeJS.Timeout;
  private readonly changed = new Subject<AgentPresenceView>();
  readonly changes$ = this.changed.asObservable();

  constructor(
    private readonly store: PresenceRepository,
    private readonly realtime: RealtimePublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async socketOpened(userId: string, socketId: string): Promise<void> {
    this.localSockets.set(socketId, userId);
    this.renewTimer ??= setInterval(() => void this.renewLocalSockets(), SOCKET_RENEW_MS).unref();
    await this.store.socketOpened(userId, socketId, Date.now() + SOCKET_ALIVE_MS);
    await this.settle(userId);
  }

  async socketClosed(userId: string, socketId: string): Promise<void> {
    this.localSockets.delete(socketId);
    await this.store.socketClosed(userId, socketId, Date.now());
    await this.settle(userId);
  }

  async choose(userId: string, status: ChosenAgentStatus): Promise<AgentPresenceView> {
    await this.store.choose(userId, status);
    return this.settle(userId);
  }

  /** The current status of each agent asked for (offline for one never seen). */
  async statuses(userIds: readonly string[]): Promise<Map<string, AgentPresenceView>> {
    const now = Date.now();
    const stored = await this.store.read(userIds, now);
    return new Map(userIds.map((userId) => [userId, this.view(userId, stored.get(userId), now)]));
  }

  /**
   * Works out an agent's status now and announces it if it changed; while a grace period runs, a
   * timer looks again when it ends. Safe to call from any process at any time.
   */
  async settle(userId: string): Promise<AgentPresenceView> {
    const now = Date.now();
    const stored = (await this.store.read([userId], now)).get(userId);
    const view = this.view(userId, stored, now);
    if (view.status !== stored?.published?.status && (await this.store.publish(view))) {
      this.realtime.publish('agent.presence', view, [rooms.supervisors, rooms.agent(userId)]);
      this.changed.next(view);
    }
    const recheckAt = stored && offlineAt({ ...stored, now, offlineGraceMs: this.config.presenceOfflineGraceMs });
    if (recheckAt) this.recheckAt(userId, recheckAt);
    return view;
  }

  /** Settles every agent announced present: catches sockets of a process that died, and grace timers it held. */
  async sweep(): Promise<number> {
    const userIds = await this.store.announcedPresent();
    for (const userId of userIds) await this.settle(userId);
    return userIds.length;
  }

  onModuleDestroy(): void {
    clearInterval(this.renewTimer);
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.changed.complete();
  }

  private view(userId: string, stored: StoredPresence | undefined, now: number): AgentPresenceView {
    const status = stored
      ? agentStatus({
          openSockets: stored.openSockets,
          chosen: stored.chosen,
          lastSeenAt: stored.lastSeenAt,
          now,
          offlineGraceMs: this.config.presenceOfflineGraceMs,
        })
      : 'offline';
    const since = stored?.published?.status === status ? stored.published.since : new Date(now).toISOString();
    return { userId, status, since };
  }

  private recheckAt(userId: string, at: number): void {
    clearTimeout(this.graceTimers.get(userId));
    const timer = setTimeout(
      () => {
        this.graceTimers.delete(userId);
        this.settle(userId).catch((err: Error) => this.logger.warn(`presence of ${userId} not settled: ${err.message}`));
      },
      at - Date.now() + 20,
    );
    timer.unref();
    this.graceTimers.set(userId, timer);
  }

  private async renewLocalSockets(): Promise<void> {
    const sockets = [...this.localSockets].map(([socketId, userId]) => ({ userId, socketId }));
    await this.store.renewSockets(sockets, Date.now() + SOCKET_ALIVE_MS).catch((err: Error) => this.logger.warn(`presence not renewed: ${err.message}`));
  }
}
