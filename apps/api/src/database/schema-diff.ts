import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/** What TypeORM would change to make the database match the entities (empty = no drift). */
export async function schemaDiff(url: string): Promise<SchemaDiff> {
  const dataSource = await new DataSource(dataSourceOptions({ url, poolSize: 2, applicationName: 'minka-schema-diff' })).initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: sql.upQueries.map((q) => (q.parameters && q.parameters.length > 0 ? `${q.query} -- ${JSON.stringify(q.parameters)}` : q.query)),
      down: sql.downQueries.map((q) => q.query).reverse(),
    };
  } finally {
    await dataSource.destroy();
  }
}
