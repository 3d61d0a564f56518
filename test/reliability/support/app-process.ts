import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { TEST_JWT_SECRET } from '../../support/app';

const root = path.resolve(__dirname, '../../..');
export const MAIN_JS = path.join(root, 'dist/apps/api/apps/api/src/main.js');
export const LOG_DIR = path.join(root, 'test/artifacts/reliability/logs');

export interface AppProcess {
  base: string;
  child: ChildProcess;
  output(): string;
  waitReady(timeoutMs?: number): Promise<number>;
  exited(): Promise<number | null>;
}

/** The built API as a real process (what a deployment runs), its output kept for the log scan. */
export function startAppProcess(name: string, port: number, env: Record<string, string>): AppProcess {
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: run npm run build first`);
  mkdirSync(LOG_DIR, { recursive: true });
  const child = spawn(process.execPath, [MAIN_JS], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', PORT: String(port), HOST: '127.0.0.1', JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'info', MINKA_SEED_DEMO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const logFile = path.join(LOG_DIR, `${name}.log`);
  const keep = (chunk: Buffer): void => {
    out += chunk.toString();
    appendFileSync(logFile, chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    child,
    output: () => out,
    exited: () => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)))),
    waitReady: async (timeoutMs = 60_000) => {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${out.slice(-3000)}`);
        try {
          if ((await fetch(`${base}/health/ready`)).status === 200) return Date.now() - started;
        } catch {
          /* not listening yet */
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`${name} not ready within ${timeoutMs} ms:\n${out.slice(-3000)}`);
    },
  };
}
