import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { BusinessHoursView, SlaPolicyView } from '@throughline/domain';
import { MinRole } from '@throughline/server/auth';
import { BusinessHoursDto, SlaPolicyDto, UpdateBusinessHoursDto, UpdateSlaPolicyDto } from './sla.dto';
import { SlaSettings } from './sla-settings.service';

@ApiTags('sla')
@ApiBearerAuth()
@MinRole('supervisor')
@Controller()
export class SlaController {
  constructor(private readonly settings: SlaSettings) {}

  @Get('business-hours')
  listBusinessHours(): Promise<BusinessHoursView[]> {
    return this.settings.listBusinessHours();
  }

  @Post('business-hours')
  createBusinessHours(@Body() body: BusinessHoursDto): Promise<BusinessHoursView> {
    return this.settings.createBusinessHours(body);
  }

  @Get('business-hours/:id')
  getBusinessHours(@Param('id', ParseUUIDPipe) id: string): Promise<BusinessHoursView> {
    return this.settings.getBusinessHours(id);
  }

  @Patch('business-hours/:id')
  updateBusinessHours(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateBusinessHoursDto): Promise<BusinessHoursView> {
    return this.settings.updateBusinessHours(id, body);
  }

  /** 409 while a policy counts in these hours. */
  @Delete('business-hours/:id')
  @HttpCode(204)
  deleteBusinessHours(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.settings.deleteBusinessHours(id);
  }

  /** In the order they are tried. */
  @Get('sla-policies')
  listPolicies(): Promise<SlaPolicyView[]> {
    return this.settings.listPolicies();
  }

  @Post('sla-policies')
  createPolicy(@Body() body: SlaPolicyDto): Promise<SlaPolicyView> {
    return this.settings.createPolicy(body);
  }

  @Get('sla-policies/:id')
  getPolicy(@Param('id', ParseUUIDPipe) id: string): Promise<SlaPolicyView> {
    return this.settings.getPolicy(id);
  }

  @Patch('sla-policies/:id')
  updatePolicy(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateSlaPolicyDto): Promise<SlaPolicyView> {
    return this.settings.updatePolicy(id, body);
  }

  @Delete('sla-policies/:id')
  @HttpCode(204)
  deletePolicy(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.settings.deletePolicy(id);
  }
}
