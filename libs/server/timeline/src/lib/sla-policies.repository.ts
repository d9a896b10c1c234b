import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { BusinessSchedule } from '@throughline/domain';
import { BusinessHoursEntity, SlaPolicyEntity } from '@throughline/server/database';

/** Owner of `sla_policies` and `business_hours`: the SLA API edits them, the SLA clock reads them. */
@Injectable()
export class SlaPolicies {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** In the order they are tried. */
  policies(manager: EntityManager = this.db.manager): Promise<SlaPolicyEntity[]> {
    return manager.find(SlaPolicyEntity, { order: { position: 'ASC', id: 'ASC' } });
  }

  policy(id: string): Promise<SlaPolicyEntity | null> {
    return this.db.manager.findOne(SlaPolicyEntity, { where: { id } });
  }

  async savePolicy(fields: Partial<SlaPolicyEntity>): Promise<SlaPolicyEntity> {
    return this.db.transaction(async (manager) => {
      if (fields.position === undefined && !fields.id) {
        // Appended after the others unless told otherwise; the lock keeps two appends from sharing a position.
        await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', ['sla_policies:position']);
        const [row] = (await manager.query('SELECT coalesce(max(position), 0) + 1 AS next FROM sla_policies')) as Array<{ next: number }>;
        fields.position = row?.next ?? 1;
      }
      return manager.save(manager.create(SlaPolicyEntity, fields));
    });
  }

  async deletePolicy(id: string): Promise<boolean> {
    return Boolean((await this.db.manager.delete(SlaPolicyEntity, { id })).affected);
  }

  businessHoursList(): Promise<BusinessHoursEntity[]> {
    return this.db.manager.find(BusinessHoursEntity, { order: { name: 'ASC', id: 'ASC' } });
  }

  businessHours(id: string): Promise<BusinessHoursEntity | null> {
    return this.db.manager.findOne(BusinessHoursEntity, { where: { id } });
  }

  saveBusinessHours(fields: Partial<BusinessHoursEntity>): Promise<BusinessHoursEntity> {
    return this.db.manager.save(this.db.manager.create(BusinessHoursEntity, fields));
  }

  /** The policies that count in these hours (they must be changed before the hours can go). */
  policiesUsing(businessHoursId: string): Promise<SlaPolicyEntity[]> {
    return this.db.manager.find(SlaPolicyEntity, { where: { businessHoursId } });
  }

  async deleteBusinessHours(id: string): Promise<boolean> {
    return Boolean((await this.db.manager.delete(BusinessHoursEntity, { id })).affected);
  }

  async schedule(manager: EntityManager, businessHoursId: string): Promise<BusinessSchedule | null> {
    const hours = await manager.findOne(BusinessHoursEntity, { where: { id: businessHoursId } });
    return hours && { timezone: hours.timezone, weekly: hours.weekly, holidays: hours.holidays };
  }
}
