import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, type Repository } from 'typeorm';
import type { CreatedPersonView, PersonView, ResetLinkView, UserView } from '@throughline/domain';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { AuditLogEntity, type PasswordTokenPurpose, UserEntity } from '@throughline/server/database';
import { AccountMailService } from './account-mail.service';
import { hashPassword } from './password';
import { passwordProblem } from './password-policy';
import { PasswordTokensService } from './password-tokens.service';
import type { AuthenticatedUser } from './token.service';
import type { CreateUserDto, UpdateUserDto } from './users.dto';
import { UserAccessService } from './user-access.service';

/** Reset links are for someone locked out right now: they expire sooner than invites. */
export const RESET_LINK_TTL_MS = 2 * 3600 * 1000;

export function toUserView(user: UserEntity): UserView {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export function toPersonView(user: UserEntity): PersonView {
  const status = user.disabled ? 'disabled' : user.passwordHash ? 'active' : 'invited';
  return { ...toUserView(user), status, capacity: user.capacity, createdAt: user.createdAt.toISOString() };
}

/** What an audit entry keeps of a user: never the password hash or token version. */
function auditable(user: UserEntity): Record<string, unknown> {
  return { email: user.email, name: user.name, role: user.role, disabled: user.disabled, capacity: user.capacity };
}

/**
 * Owner of `users`: people are invited, edited, disabled and given passwords here (never
 * deleted: their history stays). Every change is audited with before and after, and a change of
 * role or status is announced so every process applies it at once.
 */
@Injectable()
export class UsersService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly linkTokens: PasswordTokensService,
    private readonly access: UserAccessService,
    private readonly mail: AccountMailService,
  ) {}

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { email: email.trim().toLowerCase() } });
  }

  /** The names of these users (disabled ones too), by id. */
  async namesByIds(ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const users = await this.users.find({ select: { id: true, name: true }, where: { id: In([...ids]) } });
    return new Map(users.map((u) => [u.id, u.name]));
  }

  findById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return (manager?.getRepository(UserEntity) ?? this.users).findOne({ where: { id } });
  }

  /** Every active person, by name (the wallboard's agents). */
  async active(): Promise<PersonView[]> {
    return (await this.users.find({ where: { disabled: false }, order: { name: 'ASC' } })).map(toPersonView);
  }

  /** Admins see everyone; others see the active people they can assign to. */
  async list(viewer: AuthenticatedUser): Promise<PersonView[]> {
    const users = await this.users.find({ where: viewer.role === 'admin' ? {} : { disabled: false }, order: { name: 'ASC' } });
    return users.map(toPersonView);
  }

  async create(actor: AuthenticatedUser, dto: CreateUserDto): Promise<CreatedPersonView> {
    const email = dto.email.trim().toLowerCase();
    const { user, token } = await this.db.transaction(async (manager) => {
      if (await manager.getRepository(UserEntity).exists({ where: { email } })) throw new ConflictException(`email: ${email} already has an account`);
      const created = await manager
        .getRepository(UserEntity)
        .save(manager.create(UserEntity, { email, name: dto.name.trim(), role: dto.role, capacity: dto.capacity ?? null, passwordHash: null }));
      const invite = await this.linkTokens.issue(created.id, 'invite', this.config.inviteTtlHours * 3600 * 1000, actor.id, manager);
      await this.audit(manager, actor.id, 'user.invited', created.id, { before: null, after: auditable(created) });
      return { user: created, token: invite };
    });
    const inviteUrl = this.linkUrl('invite', token);
    const emailed = await this.mail.send(
      user.email,
      'You are invited to Throughline',
      `Hello ${user.name},\n\nYou have been invited to Throughline as ${user.role}. Choose your password here:\n\n${inviteUrl}\n\nThe link works once and expires in ${this.config.inviteTtlHours} hours.\n`,
    );
    return { user: toPersonView(user), inviteUrl, emailed };
  }

  async update(actor: AuthenticatedUser, id: string, dto: UpdateUserDto): Promise<PersonView> {
    const { user, accessChanged } = await this.db.transaction(async (manager) => {
      const repo = manager.getRepository(UserEntity);
      // Admin rows are locked together so two admins demoting each other cannot both succeed.
      await repo.createQueryBuilder('u').setLock('pessimistic_write').where('u.role = :role OR u.id = :id', { role: 'admin', id }).getMany();
      const current = await repo.findOne({ where: { id } });
      if (!current) throw new NotFoundException(`no user ${id}`);
      const before = auditable(current);
      const next = { role: dto.role ?? current.role, disabled: dto.disabled ?? current.disabled };
      if (actor.id === id && next.disabled) throw new BadRequestException('disabled: you cannot disable yourself');
      const losesAdmin = current.role === 'admin' && !current.disabled && (next.role !== 'admin' || next.disabled);
      if (losesAdmin && (await repo.count({ where: { role: 'admin', disabled: false } })) <= 1) {
        throw new ConflictException(`${next.disabled ? 'disabled' : 'role'}: ${current.email} is the last active admin; make someone else admin first`);
      }
      const accessChanged = next.role !== current.role || next.disabled !== current.disabled;
      current.name = dto.name?.trim() ?? current.name;
      if (dto.capacity !== undefined) current.capacity = dto.capacity;
      current.role = next.role;
      if (next.disabled !== current.disabled) {
        current.disabledAt = next.disabled ? new Date() : null;
        // Disabling revokes every token and refresh token issued so far; enabling does not bring them back.
        current.tokenVersion += 1;
      }
      current.disabled = next.disabled;
      const saved = await repo.save(current);
      await this.audit(manager, actor.id, 'user.updated', id, { before, after: auditable(saved) });
      return { user: saved, accessChanged };
    });
    if (accessChanged) await this.access.announce(id);
    return toPersonView(user);
  }

  async resetLink(actor: AuthenticatedUser, id: string): Promise<ResetLinkView> {
    const { user, token } = await this.db.transaction(async (manager) => {
      const found = await this.findById(id, manager);
      if (!found) throw new NotFoundException(`no user ${id}`);
      if (found.disabled) throw new ConflictException(`${found.email} is disabled; enable them before sending a reset link`);
      const reset = await this.linkTokens.issue(id, 'reset', RESET_LINK_TTL_MS, actor.id, manager);
      await this.audit(manager, actor.id, 'user.reset_link_created', id, {});
      return { user: found, token: reset };
    });
    const resetUrl = this.linkUrl('reset', token);
    const emailed = await this.mail.send(
      user.email,
      'Reset your Throughline password',
      `Hello ${user.name},\n\nAn administrator sent you a link to choose a new password:\n\n${resetUrl}\n\nThe link works once and expires in ${RESET_LINK_TTL_MS / 3600_000} hours.\n`,
    );
    return { resetUrl, emailed };
  }

  /** Sets a password from an invite or reset link; the user's earlier sessions end. Returns the user to sign in. */
  async setPasswordWithToken(token: string, password: string): Promise<UserEntity> {
    const user = await this.db.transaction(async (manager) => {
      const link = await this.linkTokens.consume(token, manager);
      if (!link) throw new BadRequestException('token: this link is invalid, used or expired; ask an admin for a new one');
      const found = await this.findById(link.userId, manager);
      if (!found || found.disabled) throw new BadRequestException('token: this account is disabled');
      return this.storePassword(
        manager,
        found,
        { field: 'password', value: password },
        link.purpose === 'invite' ? 'user.invite_accepted' : 'user.password_reset',
      );
    });
    await this.access.announce(user.id);
    return user;
  }

  /** A signed-in user's own change (the current password was checked by the caller). */
  async changePassword(user: UserEntity, password: string): Promise<UserEntity> {
    const saved = await this.db.transaction((manager) => this.storePassword(manager, user, { field: 'newPassword', value: password }, 'user.password_changed'));
    await this.access.announce(user.id);
    return saved;
  }

  /** Logout: every access and refresh token issued to the user so far stops working. */
  async revokeSessions(userId: string): Promise<void> {
    await this.users.increment({ id: userId }, 'tokenVersion', 1);
    await this.access.announce(userId);
  }

  /** The user acts on their own account here (a link or their own change), so they are the audit's actor. */
  private async storePassword(manager: EntityManager, user: UserEntity, password: { field: string; value: string }, action: string): Promise<UserEntity> {
    const problem = passwordProblem(password.value, user);
    if (problem) throw new BadRequestException(`${password.field} ${problem}`);
    user.passwordHash = await hashPassword(password.value);
    user.tokenVersion += 1;
    const saved = await manager.getRepository(UserEntity).save(user);
    await this.audit(manager, user.id, action, user.id, {});
    return saved;
  }

  private linkUrl(purpose: PasswordTokenPurpose, token: string): string {
    return `${this.config.publicUrl}/${purpose}/${token}`;
  }

  private async audit(manager: EntityManager, actorUserId: string, action: string, userId: string, details: Record<string, unknown>): Promise<void> {
    await manager.save(manager.create(AuditLogEntity, { actorUserId, action, entityType: 'user', entityId: userId, details }));
  }
}
