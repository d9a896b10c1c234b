import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan, type EntityManager } from 'typeorm';
import { PasswordTokenEntity, type PasswordTokenPurpose } from '@throughline/server/database';
import { hashSecretToken, newSecretToken } from './secret-token';

/** Owner of `password_tokens`: single-use invite and reset links, stored hashed. */
@Injectable()
export class PasswordTokensService {
  /** A new link token; earlier unused links of the user stop working, so only the latest one sent is valid. */
  async issue(userId: string, purpose: PasswordTokenPurpose, ttlMs: number, createdBy: string | null, manager: EntityManager): Promise<string> {
    const repo = manager.getRepository(PasswordTokenEntity);
    await repo.update({ userId, usedAt: IsNull() }, { usedAt: new Date() });
    const { token, hash } = newSecretToken();
    await repo.insert({ userId, purpose, tokenHash: hash, expiresAt: new Date(Date.now() + ttlMs), createdBy });
    return token;
  }

  /** Uses a link token up inside the caller's transaction; null when unknown, used or expired. */
  async consume(token: string, manager: EntityManager): Promise<PasswordTokenEntity | null> {
    const repo = manager.getRepository(PasswordTokenEntity);
    const found = await repo.findOne({
      where: { tokenHash: hashSecretToken(token), usedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!found) return null;
    await repo.update({ id: found.id }, { usedAt: new Date() });
    return found;
  }
}
