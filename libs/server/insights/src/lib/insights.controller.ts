import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AcceptedSuggestionView, InsightsReportView, InsightsView, SuggestionView } from '@throughline/domain';
import { type AuthenticatedUser, CurrentUser, MinRole } from '@throughline/server/auth';
import { FeedbackService } from './feedback.service';
import { DismissSuggestionDto, InsightsReportQueryDto, PromptUseDto } from './insights.dto';
import { InsightsService } from './insights.service';

@ApiTags('insights')
@ApiBearerAuth()
@Controller()
export class InsightsController {
  constructor(
    private readonly insights: InsightsService,
    private readonly feedback: FeedbackService,
  ) {}

  @Get('conversations/:id/insights')
  @ApiOperation({ summary: 'Sentiment, emotions with evidence, empathy prompts and cross-sell suggestions, each with why' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<InsightsView> {
    return this.insights.get(id);
  }

  @Post('conversations/:id/prompt-uses')
  @ApiOperation({ summary: 'Record that the agent inserted an empathy prompt into a reply' })
  usePrompt(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PromptUseDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<{ id: string; promptId: string; createdAt: string }> {
    return this.feedback.recordPromptUse(id, body.promptId, user.id);
  }

  @Post('suggestions/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a suggestion; answers the short pitch to insert into the reply' })
  accept(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthenticatedUser): Promise<AcceptedSuggestionView> {
    return this.feedback.accept(id, user.id);
  }

  @Post('suggestions/:id/dismiss')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dismiss a suggestion with a reason; the product is not suggested to this customer for 30 days' })
  dismiss(@Param('id', ParseUUIDPipe) id: string, @Body() body: DismissSuggestionDto, @CurrentUser() user: AuthenticatedUser): Promise<SuggestionView> {
    return this.feedback.dismiss(id, user.id, body.reason);
  }

  @Get('insights/report')
  @MinRole('supervisor')
  @ApiOperation({ summary: 'Suggestion, acceptance and conversion rates (order within 30 days) and prompt uses over the last days' })
  report(@Query() query: InsightsReportQueryDto): Promise<InsightsReportView> {
    return this.feedback.report(query.days ?? 30);
  }
}
