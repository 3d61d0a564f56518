import { DataSource } from 'typeorm';
import { ConfigError } from '../config/env.schema';
import { prepareRuntime } from '../config/runtime';
import { dataSourceOptions } from '../database/data-source-options';
import { verifyStock } from './stock-verify';

/**
 * `npm run stock:verify`: recomputes every stock balance from the ledger and prints the lots that
 * differ. Exit code 0 when the books are right, 1 when any lot differs, 2 when it could not run.
 */
async function main(): Promise<number> {
  const runtime = await prepareRuntime(process.env, (line) => process.stderr.write(`${line}\n`));
  try {
    const dataSource = await new DataSource(dataSourceOptions({ url: runtime.config.databaseUrl, poolSize: 1 })).initialize();
    try {
      // One snapshot for the whole check: balances and ledger are read at the same instant.
      const result = await dataSource.transaction('REPEATABLE READ', (manager) => verifyStock(manager));
      if (result.differences.length === 0) {
        process.stdout.write(`stock:verify OK — ${result.lotsChecked} lots match the ledger.\n`);
        return 0;
      }
      process.stdout.write(`stock:verify FAILED — ${result.differences.length} of ${result.lotsChecked} lots differ from the ledger:\n`);
      for (const d of result.differences) {
        process.stdout.write(
          `  lot ${d.lotId} (${d.subject} ${d.lotCode || '—'}) at warehouse ${d.warehouseId}: on hand ${d.onHand} vs ledger ${d.ledgerOnHand}; ` +
            `reserved ${d.reserved} vs ledger ${d.ledgerReserved} vs active reservations ${d.activeReservations}\n`,
        );
      }
      return 1;
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await runtime.embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
