import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { SurveySettingsView } from '@throughline/domain';
import { type AuthenticatedUser, CurrentUser, MinRole } from '@throughline/server/auth';
import { SurveySettingsService } from './survey-settings.service';
import { UpdateSurveySettingsDto } from './surveys.dto';

@ApiTags('surveys')
@ApiBearerAuth()
@MinRole('admin')
@Controller('settings/surveys')
export class SurveySettingsController {
  constructor(private readonly settings: SurveySettingsService) {}

  @Get()
  get(): Promise<SurveySettingsView> {
    return this.settings.get();
  }

  @Patch()
  update(@Body() body: UpdateSurveySettingsDto, @CurrentUser() user: AuthenticatedUser): Promise<SurveySettingsView> {
    return this.settings.update(body, user);
  }
}
