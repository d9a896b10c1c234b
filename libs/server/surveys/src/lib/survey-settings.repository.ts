import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { DEFAULT_SURVEY_SETTINGS, type SurveySettingsView } from '@throughline/domain';
import { SurveySettingsEntity } from '@throughline/server/database';

const ROW_ID = 1;

/** The owner of `survey_settings`: one row per workspace, the defaults until an admin saves. */
@Injectable()
export class SurveySettingsRepository {
  constructor(@InjectRepository(SurveySettingsEntity) private readonly rows: Repository<SurveySettingsEntity>) {}

  async get(manager?: EntityManager): Promise<SurveySettingsView> {
    const repo = manager?.getRepository(SurveySettingsEntity) ?? this.rows;
    const row = await repo.findOne({ where: { id: ROW_ID } });
    return row?.settings ?? DEFAULT_SURVEY_SETTINGS;
  }

  /** Locks the row (creating it from the defaults first) so concurrent changes apply one after the other. */
  async lockForUpdate(manager: EntityManager): Promise<SurveySettingsView> {
    await manager.query(`INSERT INTO survey_settings (id, settings) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`, [ROW_ID, DEFAULT_SURVEY_SETTINGS]);
    const row = await manager.getRepository(SurveySettingsEntity).findOneOrFail({ where: { id: ROW_ID }, lock: { mode: 'pessimistic_write' } });
    return row.settings;
  }

  async save(manager: EntityManager, settings: SurveySettingsView): Promise<void> {
    await manager.getRepository(SurveySettingsEntity).update({ id: ROW_ID }, { settings });
  }
}
