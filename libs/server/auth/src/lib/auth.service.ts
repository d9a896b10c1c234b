import { Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { LoginResponse, UserView } from '@throughline/domain';
import { UserEntity } from '@throughline/server/database';
import { hashPassword, verifyPassword } from './password';
import { TokenService } from './token.service';

export function toUserView(user: UserEntity): UserView {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

@Injectable()
export class AuthService {
  // Compared against when the email is unknown, so response time doesn't reveal which emails exist.
  private readonly decoyHash = hashPassword('decoy-password-for-timing');

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly tokens: TokenService,
  ) {}

  async login(email: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findOne({ where: { email: email.trim().toLowerCase() } });
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !valid || user.disabled) throw new UnauthorizedException('wrong email or password');
    return { accessToken: this.tokens.issue(user), user: toUserView(user) };
  }

  async me(id: string): Promise<UserView> {
    const user = await this.users.findOne({ where: { id } });
    if (!user || user.disabled) throw new UnauthorizedException('this account no longer exists');
    return toUserView(user);
  }

  async listUsers(): Promise<UserView[]> {
    const users = await this.users.find({ where: { disabled: false }, order: { name: 'ASC' } });
    return users.map(toUserView);
  }
}
