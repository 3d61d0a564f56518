import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

export interface PgProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts embedded PostgreSQL in a child process (see embedded-pg-runner.ts). */
export async function startPgProcess(dataDir: string, options: { port?: number; migrate?: boolean } = {}): Promise<PgProcess> {
  const child: ChildProcess = spawn(
    path.join(root, 'node_modules/.bin/tsx'),
    [path.join(__dirname, 'embedded-pg-runner.ts'), dataDir, String(options.port ?? ''), options.migrate ? 'migrate' : ''],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`embedded PostgreSQL runner exited (${code}): ${err}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
