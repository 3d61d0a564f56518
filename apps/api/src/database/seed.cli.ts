import { SingleBar, Presets } from 'cli-progress';
import { DataSource } from 'typeorm';
import { ConfigError } from '../config/env.schema';
import { prepareRuntime } from '../config/runtime';
import { dataSourceOptions } from './data-source-options';
import { runMigrations } from './migrate';
import { DemoDataForbiddenError, seedDemoData } from './seed/demo-seed';

/** `npm run seed`: migrate, then load the demo data with a progress bar (no-op when already loaded). */
async function main(): Promise<void> {
  const runtime = await prepareRuntime(process.env, (line) => process.stderr.write(`${line}\n`));
  try {
    await runMigrations(runtime.config.databaseUrl, (line) => process.stderr.write(`${line}\n`));
    const dataSource = await new DataSource(dataSourceOptions({ url: runtime.config.databaseUrl, poolSize: 2 })).initialize();
    const bar = new SingleBar(
      { format: 'Datos demo |{bar}| {percentage}% {value}/{total} {label}', hideCursor: true },
      Presets.shades_classic,
    );
    let started = false;
    try {
      const loaded = await seedDemoData(dataSource, runtime.config.nodeEnv, (done, total, label) => {
        if (!started) {
          bar.start(total, 0, { label });
          started = true;
        }
        bar.update(done, { label });
      });
      if (started) bar.stop();
      process.stdout.write(loaded ? 'Demo data loaded.\n' : 'Demo data already present; nothing to do.\n');
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await runtime.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DemoDataForbiddenError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
