import { type INestApplication, type INestApplicationContext, type LogLevel, RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import * as express from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppConfig, ConfigError } from '@throughline/server/config';
import { CALL_IMPORT_MAX_BYTES, HookIntake } from '@throughline/server/ingest';
import { CATALOG_IMPORT_MAX_BYTES } from '@throughline/server/insights';
import { socketIoKey } from '@throughline/server/queue';
import { RedisIoAdapter } from '@throughline/server/realtime';
import { DEMO_CHAT_CONNECTOR_KEY, DemoSeedService } from '@throughline/server/seed';
import { bodyParserErrors } from './http-errors';
import { crossOriginScript, securityHeaders } from './security-headers';
import { ApiRootModule, WorkerRootModule } from './root.modules';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
export const logLevelsFor = (level: AppConfig['logLevel']): LogLevel[] => LEVELS.slice(0, LEVELS.indexOf(level) + 1);

/** Where the built console lives: CONSOLE_DIR, or dist/apps/console/browser beside the built API. */
function consoleDir(config: AppConfig): string | null {
  const candidates = [config.consoleDir, join(__dirname, '..', 'console', 'browser'), join(process.cwd(), 'dist', 'apps', 'console', 'browser')];
  return candidates.find((dir): dir is string => Boolean(dir && existsSync(join(dir, 'index.html')))) ?? null;
}

/** Where the built chat widget lives: dist/apps/chat-widget beside the built API, or from the workspace root. */
function chatWidgetDir(): string | null {
  const candidates = [join(__dirname, '..', 'chat-widget'), join(process.cwd(), 'dist', 'apps', 'chat-widget')];
  return candidates.find((dir) => existsSync(join(dir, 'widget.js'))) ?? null;
}

/**
 * `/widget.js`, the script websites embed, and `/chat-demo`, a page that embeds it with the demo
 * workspace's widget (or `?key=<connectorKey>`). Not under /api: they are public, like the console.
 */
function serveChatWidget(app: NestExpressApplication): void {
  const dir = chatWidgetDir();
  if (!dir) return;
  app.use('/widget.js', crossOriginScript, (req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // Short cache: sites keep the same URL while we ship fixes.
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.sendFile(join(dir, 'widget.js'), { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
  });
  const demo = readFileSync(join(dir, 'demo.html'), 'utf8');
  app.use('/chat-demo', (req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' || req.path !== '/') return next();
    const key = typeof req.query['key'] === 'string' && /^[A-Za-z0-9_-]{1,200}$/.test(req.query['key']) ? req.query['key'] : DEMO_CHAT_CONNECTOR_KEY;
    res.type('html').send(demo.split('{{CONNECTOR_KEY}}').join(key));
  });
}

/** Answers a webhook for an unknown or disabled connector before its body is read, and closes the connection. */
function refuseUnknownConnectors(intake: HookIntake): express.RequestHandler {
  return (req, res, next) => {
    intake.refusalBeforeBody(req.path.split('/')[1] ?? '').then((refusal) => {
      if (!refusal) return next();
      res.setHeader('Connection', 'close');
      res.status(refusal.getStatus()).json(refusal.getResponse());
    }, next);
  };
}

/** Production never runs with the demo's published passwords and secrets: one line says what to remove. */
async function refuseDemoLeftovers(app: INestApplication): Promise<void> {
  const leftovers = await app.get(DemoSeedService).leftovers();
  if (!leftovers.length) return;
  await app.close();
  throw new ConfigError(
    'NODE_ENV',
    `production refuses to start while the demo workspace is present: ${leftovers.join(', ')}; disable or delete the users and rotate or delete the connectors first`,
  );
}

/** Creates and starts the API (listening on config.port; 0 picks a free port). */
export async function bootstrapApi(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiRootModule.forRoot(config), {
    bodyParser: false,
    logger: logLevelsFor(config.logLevel),
  });
  // The survey page customers open from a link is public and outside /api, like the console.
  app.setGlobalPrefix('api', { exclude: [{ path: 's/:token', method: RequestMethod.GET }] });
  app.disable('x-powered-by');
  app.use(securityHeaders());
  // Webhook bodies stay raw Buffers: signatures are computed over the exact bytes. Raw mail
  // (attachments included) has its own, larger limit.
  app.use('/api/hooks', refuseUnknownConnectors(app.get(HookIntake)));
  app.use(/^\/api\/hooks\/[^/]+\/email$/, express.raw({ type: () => true, limit: config.emailMaxBytes }));
  app.use('/api/hooks', express.raw({ type: () => true, limit: config.webhookBodyLimitBytes }));
  // CDR files as a text/csv body (multipart uploads are read by the import controller).
  app.use(/^\/api\/connectors\/[^/]+\/calls\/import$/, express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: CALL_IMPORT_MAX_BYTES }));
  // Product and order imports as a text/csv body (or JSON, parsed below).
  app.use(/^\/api\/(products|orders)\/import$/, express.text({ type: ['text/csv', 'application/csv'], limit: CATALOG_IMPORT_MAX_BYTES }));
  // The survey page's form posts urlencoded (it works without JavaScript).
  app.use(/^\/api\/surveys\/[^/]+$/, express.urlencoded({ extended: false, limit: '16kb' }));
  app.use(express.json({ limit: '1mb' }));
  app.use(bodyParserErrors());
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useWebSocketAdapter(new RedisIoAdapter(app, config.redisUrl, socketIoKey(config.redisPrefix)));
  app.enableShutdownHooks();

  const openApi = new DocumentBuilder()
    .setTitle('Throughline API')
    .setDescription('Multichannel support inbox: connectors, customers, conversations, webhooks.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));

  serveChatWidget(app);
  const dir = consoleDir(config);
  if (dir) {
    app.use(express.static(dir, { index: false, maxAge: '1h' }));
    // The console is a single-page app: any non-API GET gets its shell.
    app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/socket.io') || req.path.startsWith('/s/')) return next();
      res.sendFile(join(dir, 'index.html'));
    });
  }

  if (config.production) {
    // Initialised first, so that closing a refused app releases what its modules opened.
    await app.init();
    await refuseDemoLeftovers(app);
  }
  await app.listen(config.port);
  if (config.seedDemo) await app.get(DemoSeedService).seed();
  return app;
}

export async function bootstrapWorker(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerRootModule.forRoot(config), { logger: logLevelsFor(config.logLevel) });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
