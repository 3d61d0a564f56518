// Runs an embedded PostgreSQL in its own process (tsx), for tests that stop and restart the
// database under a running API. Prints "READY <url>" once it accepts connections; stops cleanly on SIGTERM.
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { runMigrations } from '../../apps/api/src/database/migrate';

async function main(): Promise<void> {
  const [dataDir, portArg, migrate] = process.argv.slice(2);
  const pg = await startEmbeddedPostgres({ dataDir, port: portArg ? Number(portArg) : undefined });
  if (migrate === 'migrate') await runMigrations(pg.url);
  process.stdout.write(`READY ${pg.url}\n`);
  const stop = (): void => {
    void pg.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
