import { Body, Controller, Get, Header, HttpCode, HttpException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SURVEY_LIMITS, type SurveyAnswerView } from '@throughline/domain';
import { Public } from '@throughline/server/auth';
import type { SurveyEntity } from '@throughline/server/database';
import { SurveyAnswers } from './survey-answers.service';
import { renderProblemPage, renderSurveyPage, renderThanksPage } from './survey-page';
import { SurveyAnswerDto } from './surveys.dto';

const closesAt = (survey: SurveyEntity) => new Date(survey.sentAt.getTime() + SURVEY_LIMITS.answerWindowDays * 24 * 3600 * 1000);

/** A problem as a page for the browser: the status stays (404 unknown link, 410 closed, 400 bad answer). */
function asPage(err: unknown, res: Response): string {
  if (!(err instanceof HttpException)) throw err;
  res.status(err.getStatus());
  const body = err.getResponse();
  const message = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? err.message);
  return renderProblemPage(
    err.getStatus() === 404
      ? 'This survey link is not valid. Please check that you copied all of it.'
      : err.getStatus() === 410
        ? 'This survey is closed.'
        : message,
  );
}

/**
 * The customer's side of a survey: `GET /s/:token` (outside /api, a page that works without
 * JavaScript) and `POST /api/surveys/:token`, as JSON or as that page's form.
 */
@ApiTags('surveys')
@Public()
@Controller()
export class PublicSurveyController {
  constructor(private readonly answers: SurveyAnswers) {}

  @Get('s/:token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async page(@Param('token') token: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    try {
      const { survey, settings, closesAt } = await this.answers.open(token);
      return renderSurveyPage({ token, kinds: survey.kinds, settings, answers: survey, closesAt });
    } catch (err) {
      return asPage(err, res);
    }
  }

  /** 400 names the field, 404 unknown token, 410 after seven days; answering again changes the answers. */
  @Post('surveys/:token')
  @HttpCode(200)
  async answer(
    @Param('token') token: string,
    @Body() body: SurveyAnswerDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SurveyAnswerView | string> {
    const answer = { csat: body.csat, ces: body.ces, nps: body.nps, comment: body.comment };
    if (!req.is('application/x-www-form-urlencoded')) return toView(await this.answers.answer(token, answer));
    res.type('html').setHeader('Cache-Control', 'no-store');
    try {
      return renderThanksPage(token, closesAt(await this.answers.answer(token, answer)));
    } catch (err) {
      return asPage(err, res);
    }
  }
}

function toView(survey: SurveyEntity): SurveyAnswerView {
  return {
    csat: survey.csat,
    ces: survey.ces,
    nps: survey.nps,
    comment: survey.comment,
    answeredAt: (survey.answeredAt as Date).toISOString(),
    changeableUntil: closesAt(survey).toISOString(),
  };
}
