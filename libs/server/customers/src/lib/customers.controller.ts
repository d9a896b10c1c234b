import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CustomerView, MessageView, Page, RealtimeEvents } from '@throughline/domain';
import { type AuthenticatedUser, CurrentUser } from '@throughline/server/auth';
import { CreateCustomerDto, MergeCustomerDto, SearchCustomersQueryDto, TimelineQueryDto, UnmergeCustomerDto } from './customer.dto';
import { CustomersService } from './customers.service';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get()
  search(@Query() query: SearchCustomersQueryDto): Promise<CustomerView[]> {
    return this.customers.search(query.q, query.limit);
  }

  @Post()
  create(@Body() body: CreateCustomerDto, @CurrentUser() user: AuthenticatedUser): Promise<CustomerView> {
    return this.customers.create(body, user.id);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<CustomerView> {
    return this.customers.get(id);
  }

  @Get(':id/timeline')
  timeline(@Param('id', ParseUUIDPipe) id: string, @Query() query: TimelineQueryDto): Promise<Page<MessageView>> {
    return this.customers.timeline(id, query.before, query.limit);
  }

  @Post(':id/merge')
  @HttpCode(200)
  merge(@Param('id', ParseUUIDPipe) id: string, @Body() body: MergeCustomerDto, @CurrentUser() user: AuthenticatedUser): Promise<CustomerView> {
    return this.customers.merge(id, body.otherCustomerId, user.id);
  }

  /** Undoes a merge: `{ customer, restoredCustomer }` with their identities after it. */
  @Post(':id/unmerge')
  @HttpCode(200)
  unmerge(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UnmergeCustomerDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<RealtimeEvents['customer.unmerged']> {
    return this.customers.unmerge(id, body.mergedCustomerId, user.id);
  }
}
