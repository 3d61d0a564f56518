import { randomUUID } from 'node:crypto';
import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, getSchemaPath, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { RequestValidationError } from './platform/errors/domain-error';
import { buildProblem, sendProblem } from './platform/errors/problem';
import { ProblemDetailsDto } from './platform/errors/problem.dto';
import { requestContext } from './platform/http/request-context';
import { correlationIdOf, languageOf } from './platform/http/request-language';

export const BODY_LIMIT = '1mb';
const CORRELATION_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** Builds the Nest application exactly as production runs it (tests use this too). */
export async function createApp(config: AppConfig, options: { logger?: boolean } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  else app.useLogger(false);
  configureApp(app, config);
  return app;
}

export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');
  app.use(correlationMiddleware);
  app.use(helmet({ contentSecurityPolicy: { directives: cspDirectives(config) }, crossOriginEmbedderPolicy: false }));
  app.use(compression());
  // The SMS webhook's signature covers the exact bytes the gateway sent: that route keeps its body raw
  // (a Buffer, JSON or form-encoded, parsed by the deliveries domain once the signature checks out).
  app.use('/api/v1/webhooks/sms', express.raw({ type: () => true, limit: '16kb' }));
  app.use(express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  app.use(bodyErrorHandler);
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      credentials: false,
      exposedHeaders: ['X-Correlation-Id', 'Retry-After', 'Idempotent-Replayed'],
    });
  }
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: (errors) => new RequestValidationError(errors),
    }),
  );
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
    customSiteTitle: 'Minka API',
  });
  // No enableShutdownHooks(): main.ts owns SIGTERM/SIGINT so that readiness can drain before app.close().
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Minka API')
      .setDescription(
        'Aid distribution and logistics tracker for NGO networks. Errors are RFC 9457 application/problem+json ' +
          '{type, title, status, code, detail, errors[], correlationId}; messages in Spanish (default) or English by Accept-Language.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
    {
      operationIdFactory: (controllerKey: string, methodKey: string) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
      extraModels: [ProblemDetailsDto],
    },
  );
  // Every operation can fail with problem+json; document it once here rather than on each route.
  const problem = {
    description: 'Problem details (RFC 9457)',
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
  };
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      operation.responses = { ...operation.responses, '4XX': problem, '5XX': problem };
    }
  }
  // OpenAPI 3.0: a nullable enum must list null among its values, or validators reject the nulls we send.
  for (const schema of Object.values(document.components?.schemas ?? {})) allowNullInNullableEnums(schema as SchemaNode);
  return document;
}

interface SchemaNode {
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  allOf?: SchemaNode[];
}

function allowNullInNullableEnums(schema: SchemaNode): void {
  // A copy: the same enum array may be shared with non-nullable properties.
  if (schema.nullable && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  for (const child of Object.values(schema.properties ?? {})) allowNullInNullableEnums(child);
  if (schema.items) allowNullInNullableEnums(schema.items);
  for (const part of schema.allOf ?? []) allowNullInNullableEnums(part);
}

/** The first middleware: a correlation id (kept from the caller when well-formed) and the request context. */
function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const existing = (req as Request & { id?: unknown }).id;
  const incoming = req.headers['x-correlation-id'];
  const id =
    typeof existing === 'string' ? existing : typeof incoming === 'string' && CORRELATION_ID.test(incoming) ? incoming : randomUUID();
  (req as Request & { id: string }).id = id;
  res.setHeader('X-Correlation-Id', id);
  requestContext.run({ correlationId: id, ip: req.ip ?? null, language: languageOf(req) }, () => next());
}

/** Body-parser failures happen before Nest's filters; answer them as problem+json here. */
function bodyErrorHandler(err: unknown, req: Request, res: Response, next: NextFunction): void {
  const e = err as { type?: string; status?: number } | undefined;
  if (!e || typeof e !== 'object' || !e.type) return next(err);
  const language = languageOf(req);
  const correlationId = correlationIdOf(req);
  if (e.type === 'entity.too.large')
    return sendProblem(res, buildProblem('PAYLOAD_TOO_LARGE', 413, language, correlationId, { limit: '1 MB' }));
  if (e.type === 'entity.parse.failed') return sendProblem(res, buildProblem('MALFORMED_JSON', 400, language, correlationId));
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
    return sendProblem(res, buildProblem('UNSUPPORTED_MEDIA_TYPE', 415, language, correlationId));
  }
  return sendProblem(res, buildProblem('VALIDATION_FAILED', e.status ?? 400, language, correlationId));
}

function cspDirectives(config: AppConfig): Record<string, string[]> {
  const tileOrigin = config.mapTileUrl ? originOf(config.mapTileUrl) : null;
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...(tileOrigin ? [tileOrigin] : [])],
    'connect-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'font-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
  };
}

function originOf(template: string): string | null {
  try {
    // Tile templates may use {s} subdomains: allow any subdomain of the host.
    const url = new URL(template.replace(/\{s\}\./, 'sub.').replace(/\{[a-z]+\}/g, '0'));
    return template.includes('{s}.') ? `${url.protocol}//*.${url.host.replace(/^sub\./, '')}` : url.origin;
  } catch {
    return null;
  }
}
