import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApp } from './app.setup';
import { ConfigError } from './config/env.schema';
import { prepareRuntime, type Runtime } from './config/runtime';
import { runMigrations } from './database/migrate';
import { seedDemoData } from './database/seed/demo-seed';
import { ShutdownState } from './platform/health/health.controller';

const SHUTDOWN_GRACE_MS = 10_000;

const log = (line: string): void => {
  process.stderr.write(`${JSON.stringify({ level: 30, time: Date.now(), service: 'minka-api', msg: line })}\n`);
};

let runtime: Runtime | null = null;

async function bootstrap(): Promise<void> {
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: shutting down`);
    const force = setTimeout(() => {
      log('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    try {
      if (app) {
        // Readiness turns 503 first so a load balancer stops routing here; requests are still served meanwhile.
        app.get(ShutdownState).markStopping();
        const drainMs = runtime?.config.shutdownDrainMs ?? 0;
        if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
        // Stops accepting connections, waits for in-flight requests, then closes the pool.
        await app.close();
      }
      await runtime?.embedded?.stop();
      log('stopped cleanly');
      process.exit(0);
    } catch (error) {
      log(`error during shutdown: ${String(error)}`);
      process.exit(1);
    }
  };
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  // Installed before the embedded database starts, so Ctrl-C during boot still stops PostgreSQL.
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  runtime = await prepareRuntime(process.env, log);
  const { config } = runtime;
  await runMigrations(config.databaseUrl, log);
  if (config.seedDemo && config.nodeEnv !== 'production') {
    const ds = await new DataSource({
      type: 'postgres',
      url: config.databaseUrl,
      entities: (await import('./database/entities')).ENTITIES,
    }).initialize();
    try {
      const loaded = await seedDemoData(ds, config.nodeEnv, (done, total, label) => log(`seeding demo data ${done}/${total}: ${label}`));
      if (loaded) log('demo data loaded (logins in README.md)');
    } finally {
      await ds.destroy();
    }
  }
  if (stopping) return;
  app = await createApp(config);
  await app.listen(config.port, process.env.HOST ?? '0.0.0.0');
  log(
    `Minka listening on http://localhost:${config.port} (dashboard ${config.dashboardDir ? 'served at /' : 'not built: run npm run build'})`,
  );
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`\n${error.message}\n\nSee .env.example and the configuration table in README.md.\n`);
  } else {
    process.stderr.write(`Minka failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  void (runtime?.embedded?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
});
