import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SurveySettingsView } from '@throughline/domain';
import { AuditLog } from '@throughline/server/audit';
import type { AuthenticatedUser } from '@throughline/server/auth';
import { SurveySettingsRepository } from './survey-settings.repository';
import type { UpdateSurveySettingsDto } from './surveys.dto';

/** The fields a PATCH named (a DTO instance may carry the others as undefined). */
const given = <T extends object>(part: T | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(part ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;

/** Admins set each kind on or off, its wording, the delay and the NPS interval; every change is audited. */
@Injectable()
export class SurveySettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: SurveySettingsRepository,
    private readonly audit: AuditLog,
  ) {}

  get(): Promise<SurveySettingsView> {
    return this.settings.get();
  }

  update(dto: UpdateSurveySettingsDto, actor: AuthenticatedUser): Promise<SurveySettingsView> {
    return this.db.transaction(async (manager) => {
      const before = await this.settings.lockForUpdate(manager);
      const after: SurveySettingsView = {
        csat: { ...before.csat, ...given(dto.csat) },
        ces: { ...before.ces, ...given(dto.ces) },
        nps: { ...before.nps, ...given(dto.nps) },
      };
      await this.settings.save(manager, after);
      await this.audit.record(
        { actorId: actor.id, action: 'survey-settings.updated', entity: 'survey-settings', entityId: null, before: { ...before }, after: { ...after } },
        manager,
      );
      return after;
    });
  }
}
