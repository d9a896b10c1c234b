import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, QueryFailedError } from 'typeorm';
import { CANNED_RESPONSE_PLACEHOLDERS, type CannedResponseView, unknownPlaceholders } from '@throughline/domain';
import { AuditLog } from '@throughline/server/audit';
import { type AuthenticatedUser, roleAtLeast } from '@throughline/server/auth';
import type { CannedResponseEntity } from '@throughline/server/database';
import type { CreateCannedResponseDto, UpdateCannedResponseDto } from './canned-responses.dto';
import { CannedResponsesRepository } from './canned-responses.repository';

const mayEditShared = (user: AuthenticatedUser) => roleAtLeast(user.role, 'supervisor');

function toView(row: CannedResponseEntity, user: AuthenticatedUser): CannedResponseView {
  const shared = row.ownerUserId === null;
  return {
    id: row.id,
    title: row.title,
    shortcut: row.shortcut,
    text: row.text,
    shared,
    ownerId: row.ownerUserId,
    editable: shared ? mayEditShared(user) : row.ownerUserId === user.id,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a response. */
const recorded = (row: CannedResponseEntity) => ({
  title: row.title,
  shortcut: row.shortcut,
  text: row.text,
  shared: row.ownerUserId === null,
  ownerId: row.ownerUserId,
});

/**
 * Canned responses: shared ones (everyone sees them, supervisors and admins change them) and
 * personal ones (only their owner sees and changes them). A shortcut is unique within its scope.
 */
@Injectable()
export class CannedResponsesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly responses: CannedResponsesRepository,
    private readonly audit: AuditLog,
  ) {}

  async list(user: AuthenticatedUser): Promise<CannedResponseView[]> {
    return (await this.responses.visibleTo(user.id)).map((row) => toView(row, user));
  }

  async create(dto: CreateCannedResponseDto, user: AuthenticatedUser): Promise<CannedResponseView> {
    checkPlaceholders(dto.text);
    const shared = dto.shared ?? false;
    if (shared && !mayEditShared(user)) throw new ForbiddenException('shared: only supervisors and admins share canned responses');
    return this.db
      .transaction(async (manager) => {
        const row = await this.responses.save(manager, { title: dto.title, shortcut: dto.shortcut, text: dto.text, ownerUserId: shared ? null : user.id });
        await this.audit.record(
          { actorId: user.id, action: 'canned_response.created', entity: 'canned_response', entityId: row.id, before: null, after: recorded(row) },
          manager,
        );
        return toView(row, user);
      })
      .catch(shortcutTaken);
  }

  async update(id: string, dto: UpdateCannedResponseDto, user: AuthenticatedUser): Promise<CannedResponseView> {
    if (dto.text !== undefined) checkPlaceholders(dto.text);
    return this.db
      .transaction(async (manager) => {
        const row = await this.editable(manager, id, user);
        const before = recorded(row);
        if (dto.shared !== undefined && dto.shared !== before.shared) {
          if (!mayEditShared(user)) throw new ForbiddenException('shared: only supervisors and admins share canned responses');
          // Unsharing makes it the personal response of whoever unshared it.
          row.ownerUserId = dto.shared ? null : user.id;
        }
        Object.assign(row, {
          ...(dto.title !== undefined && { title: dto.title }),
          ...(dto.shortcut !== undefined && { shortcut: dto.shortcut }),
          ...(dto.text !== undefined && { text: dto.text }),
        });
        const saved = await this.responses.save(manager, row);
        await this.audit.record(
          { actorId: user.id, action: 'canned_response.updated', entity: 'canned_response', entityId: id, before, after: recorded(saved) },
          manager,
        );
        return toView(saved, user);
      })
      .catch(shortcutTaken);
  }

  async remove(id: string, user: AuthenticatedUser): Promise<void> {
    await this.db.transaction(async (manager) => {
      const row = await this.editable(manager, id, user);
      await this.responses.delete(manager, id);
      await this.audit.record(
        { actorId: user.id, action: 'canned_response.deleted', entity: 'canned_response', entityId: id, before: recorded(row), after: null },
        manager,
      );
    });
  }

  /** Someone else's personal response does not exist for this user; a shared one is read-only to agents. */
  private async editable(manager: Parameters<CannedResponsesRepository['find']>[0], id: string, user: AuthenticatedUser): Promise<CannedResponseEntity> {
    const row = await this.responses.find(manager, id);
    if (!row || (row.ownerUserId !== null && row.ownerUserId !== user.id)) throw new NotFoundException(`canned response ${id} not found`);
    if (row.ownerUserId === null && !mayEditShared(user)) throw new ForbiddenException('only supervisors and admins change shared canned responses');
    return row;
  }
}

function checkPlaceholders(text: string): void {
  const unknown = unknownPlaceholders(text);
  if (unknown.length) {
    throw new BadRequestException(
      `text: unknown placeholder ${unknown.map((name) => `{{${name}}}`).join(', ')}; known: ${CANNED_RESPONSE_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ')}`,
    );
  }
}

function shortcutTaken(err: unknown): never {
  if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23505') {
    const shared = String((err.driverError as { constraint?: string }).constraint).includes('shared');
    throw new ConflictException(`shortcut: already used by ${shared ? 'a shared canned response' : 'one of your canned responses'}`);
  }
  throw err;
}
