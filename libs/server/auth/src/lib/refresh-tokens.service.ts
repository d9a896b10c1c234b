import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { IsNull, type EntityManager, type Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { RefreshTokenEntity, type UserEntity } from '@throughline/server/database';
import { hashSecretToken, newSecretToken } from './secret-token';

export type RefreshOutcome =
  | { ok: true; userId: string; tokenVersion: number; familyId: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'reused' | 'revoked' };

/**
 * Owner of `refresh_tokens`. A refresh token is single-use: using it marks it used and yields the
 * next one in the same family; presenting a used one again means it was stolen (or raced), so the
 * whole family is revoked and that sign-in ends.
 */
@Injectable()
export class RefreshTokensService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>,
  ) {}

  /** A new refresh token (in `familyId`'s family, or a new one for a fresh sign-in). */
  async issue(user: Pick<UserEntity, 'id' | 'tokenVersion'>, familyId: string = randomUUID(), manager?: EntityManager): Promise<string> {
    const { token, hash } = newSecretToken();
    const repo = manager?.getRepository(RefreshTokenEntity) ?? this.tokens;
    await repo.insert({
      userId: user.id,
      familyId,
      tokenHash: hash,
      tokenVersion: user.tokenVersion,
      expiresAt: new Date(Date.now() + this.config.refreshTtlSeconds * 1000),
    });
    return token;
  }

  /** Marks a presented token used, atomically, so two concurrent refreshes cannot both succeed. */
  async use(token: string, manager: EntityManager): Promise<RefreshOutcome> {
    const repo = manager.getRepository(RefreshTokenEntity);
    const found = await repo.findOne({ where: { tokenHash: hashSecretToken(token) }, lock: { mode: 'pessimistic_write' } });
    if (!found) return { ok: false, reason: 'unknown' };
    if (found.revokedAt) return { ok: false, reason: 'revoked' };
    if (found.usedAt) {
      await this.revokeFamily(found.familyId, manager);
      return { ok: false, reason: 'reused' };
    }
    if (found.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
    await repo.update({ id: found.id }, { usedAt: new Date() });
    return { ok: true, userId: found.userId, tokenVersion: found.tokenVersion, familyId: found.familyId };
  }

  /** Ends the sign-in a token belongs to (logout); unknown tokens are ignored. */
  async revokeFamilyOf(token: string): Promise<void> {
    const found = await this.tokens.findOne({ where: { tokenHash: hashSecretToken(token) }, select: { id: true, familyId: true } });
    if (found) await this.revokeFamily(found.familyId);
  }

  private async revokeFamily(familyId: string, manager?: EntityManager): Promise<void> {
    const repo = manager?.getRepository(RefreshTokenEntity) ?? this.tokens;
    await repo.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
