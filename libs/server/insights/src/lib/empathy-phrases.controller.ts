import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { EmpathyPhraseView } from '@throughline/domain';
import { MinRole } from '@throughline/server/auth';
import { EmpathyPhrasesService } from './empathy-phrases.service';
import { CreateEmpathyPhraseDto, UpdateEmpathyPhraseDto } from './insights.dto';

@ApiTags('empathy phrases')
@ApiBearerAuth()
@Controller('empathy-phrases')
export class EmpathyPhrasesController {
  constructor(private readonly phrases: EmpathyPhrasesService) {}

  @Get()
  list(): Promise<EmpathyPhraseView[]> {
    return this.phrases.list();
  }

  @Post()
  @MinRole('admin')
  create(@Body() body: CreateEmpathyPhraseDto): Promise<EmpathyPhraseView> {
    return this.phrases.create(body);
  }

  @Patch(':id')
  @MinRole('admin')
  update(@Param('id') id: string, @Body() body: UpdateEmpathyPhraseDto): Promise<EmpathyPhraseView> {
    return this.phrases.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @MinRole('admin')
  async remove(@Param('id') id: string): Promise<void> {
    await this.phrases.remove(id);
  }
}
