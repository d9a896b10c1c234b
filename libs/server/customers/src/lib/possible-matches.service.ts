import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, type Repository } from 'typeorm';
import type { PossibleMatchView } from '@throughline/domain';
import { CustomerEntity, CustomerIdentityEntity, CustomerPossibleMatchEntity } from '@throughline/server/database';
import { toCustomerView } from '@throughline/server/timeline';

/**
 * Possible matches are written by ingest (TimelineWriter) when a message points at another
 * customer without proof; agents see them here, merge (POST /customers/:id/merge) or dismiss.
 * A pair is shown from either side, and disappears once either customer is merged away.
 */
@Injectable()
export class PossibleMatchesService {
  constructor(
    @InjectRepository(CustomerPossibleMatchEntity) private readonly matches: Repository<CustomerPossibleMatchEntity>,
    @InjectRepository(CustomerEntity) private readonly customers: Repository<CustomerEntity>,
    @InjectRepository(CustomerIdentityEntity) private readonly identities: Repository<CustomerIdentityEntity>,
  ) {}

  async list(customerId: string): Promise<PossibleMatchView[]> {
    if (!(await this.customers.exists({ where: { id: customerId } }))) throw new NotFoundException(`customer ${customerId} not found`);
    const rows = await this.matches.find({
      where: [
        { customerId, dismissedAt: IsNull() },
        { candidateCustomerId: customerId, dismissedAt: IsNull() },
      ],
      order: { createdAt: 'DESC' },
    });
    const otherIds = [...new Set(rows.map((r) => (r.customerId === customerId ? r.candidateCustomerId : r.customerId)))];
    if (!otherIds.length) return [];
    const others = await this.customers.find({ where: { id: In(otherIds), mergedInto: IsNull() } });
    const identities = await this.identities.find({ where: { customerId: In(others.map((c) => c.id)) }, order: { createdAt: 'ASC' } });
    const self = await this.customers.findOneByOrFail({ id: customerId });
    if (self.mergedInto) return [];
    return rows.flatMap((row) => {
      const other = others.find((c) => c.id === (row.customerId === customerId ? row.candidateCustomerId : row.customerId));
      if (!other) return [];
      return [
        {
          id: row.id,
          candidate: toCustomerView(
            other,
            identities.filter((i) => i.customerId === other.id),
          ),
          reason: row.reason,
          createdAt: row.createdAt.toISOString(),
        },
      ];
    });
  }

  async dismiss(customerId: string, matchId: string): Promise<void> {
    const result = await this.matches
      .createQueryBuilder()
      .update()
      .set({ dismissedAt: () => 'now()' })
      .where('id = :matchId AND (customer_id = :customerId OR candidate_customer_id = :customerId) AND dismissed_at IS NULL', { matchId, customerId })
      .execute();
    if (!result.affected) throw new NotFoundException(`no open possible match ${matchId} for customer ${customerId}`);
  }
}
