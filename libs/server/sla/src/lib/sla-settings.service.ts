import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { type BusinessHoursView, scheduleProblem, type SlaPolicyView } from '@throughline/domain';
import type { BusinessHoursEntity, SlaPolicyEntity } from '@throughline/server/database';
import { SlaPolicies } from '@throughline/server/timeline';
import type { BusinessHoursDto, SlaPolicyDto, UpdateBusinessHoursDto, UpdateSlaPolicyDto } from './sla.dto';

const toBusinessHoursView = (h: BusinessHoursEntity): BusinessHoursView => ({
  id: h.id,
  name: h.name,
  timezone: h.timezone,
  weekly: h.weekly,
  holidays: h.holidays,
});

const toPolicyView = (p: SlaPolicyEntity): SlaPolicyView => ({
  id: p.id,
  name: p.name,
  position: p.position,
  match: { queueId: p.matchQueueId, priority: p.matchPriority, channel: p.matchChannel },
  firstResponseMinutes: p.firstResponseMinutes,
  nextResponseMinutes: p.nextResponseMinutes,
  resolutionMinutes: p.resolutionMinutes,
  businessHoursId: p.businessHoursId,
});

/** Postgres: insert or update violates a foreign key. */
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Business hours and SLA policies as admins and supervisors edit them. A change applies to each
 * conversation from its next change (message, reply, status) and to every new one.
 */
@Injectable()
export class SlaSettings {
  constructor(private readonly store: SlaPolicies) {}

  async listBusinessHours(): Promise<BusinessHoursView[]> {
    return (await this.store.businessHoursList()).map(toBusinessHoursView);
  }

  async getBusinessHours(id: string): Promise<BusinessHoursView> {
    return toBusinessHoursView(await this.findBusinessHours(id));
  }

  async createBusinessHours(dto: BusinessHoursDto): Promise<BusinessHoursView> {
    this.checkSchedule(dto);
    return toBusinessHoursView(
      await this.store.saveBusinessHours({ name: dto.name, timezone: dto.timezone, weekly: dto.weekly, holidays: dto.holidays ?? [] }),
    );
  }

  async updateBusinessHours(id: string, dto: UpdateBusinessHoursDto): Promise<BusinessHoursView> {
    const hours = await this.findBusinessHours(id);
    this.checkSchedule(dto);
    return toBusinessHoursView(await this.store.saveBusinessHours({ ...hours, ...dto }));
  }

  async deleteBusinessHours(id: string): Promise<void> {
    const users = await this.store.policiesUsing(id);
    if (users.length) throw new ConflictException(`business hours ${id} are used by SLA policies ${users.map((p) => p.name).join(', ')}; change those first`);
    if (!(await this.store.deleteBusinessHours(id))) throw new NotFoundException(`business hours ${id} not found`);
  }

  async listPolicies(): Promise<SlaPolicyView[]> {
    return (await this.store.policies()).map(toPolicyView);
  }

  async getPolicy(id: string): Promise<SlaPolicyView> {
    return toPolicyView(await this.findPolicy(id));
  }

  createPolicy(dto: SlaPolicyDto): Promise<SlaPolicyView> {
    return this.savePolicy({}, dto);
  }

  async updatePolicy(id: string, dto: UpdateSlaPolicyDto): Promise<SlaPolicyView> {
    return this.savePolicy(await this.findPolicy(id), dto);
  }

  async deletePolicy(id: string): Promise<void> {
    if (!(await this.store.deletePolicy(id))) throw new NotFoundException(`SLA policy ${id} not found`);
  }

  private async savePolicy(existing: Partial<SlaPolicyEntity>, dto: UpdateSlaPolicyDto): Promise<SlaPolicyView> {
    if (dto.businessHoursId && !(await this.store.businessHours(dto.businessHoursId))) {
      throw new BadRequestException(`businessHoursId: business hours ${dto.businessHoursId} do not exist`);
    }
    const fields: Partial<SlaPolicyEntity> = {
      ...existing,
      ...(dto.name !== undefined && { name: dto.name }),
      ...(dto.position !== undefined && { position: dto.position }),
      ...(dto.firstResponseMinutes !== undefined && { firstResponseMinutes: dto.firstResponseMinutes }),
      ...(dto.nextResponseMinutes !== undefined && { nextResponseMinutes: dto.nextResponseMinutes }),
      ...(dto.resolutionMinutes !== undefined && { resolutionMinutes: dto.resolutionMinutes }),
      ...(dto.businessHoursId !== undefined && { businessHoursId: dto.businessHoursId }),
      ...(dto.match !== undefined && {
        matchQueueId: dto.match.queueId ?? null,
        matchPriority: dto.match.priority ?? null,
        matchChannel: dto.match.channel ?? null,
      }),
    };
    try {
      return toPolicyView(await this.store.savePolicy(fields));
    } catch (err) {
      if ((err as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw new BadRequestException(`match.queueId: queue ${dto.match?.queueId} does not exist`);
      throw err;
    }
  }

  private checkSchedule(dto: UpdateBusinessHoursDto): void {
    const problem = scheduleProblem(dto);
    if (problem) throw new BadRequestException(problem);
  }

  private async findBusinessHours(id: string): Promise<BusinessHoursEntity> {
    const hours = await this.store.businessHours(id);
    if (!hours) throw new NotFoundException(`business hours ${id} not found`);
    return hours;
  }

  private async findPolicy(id: string): Promise<SlaPolicyEntity> {
    const policy = await this.store.policy(id);
    if (!policy) throw new NotFoundException(`SLA policy ${id} not found`);
    return policy;
  }
}
