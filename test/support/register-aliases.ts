import Module from 'node:module';
import path from 'node:path';

/**
 * Jest's globalSetup/globalTeardown run outside its module registry, where `moduleNameMapper` does
 * not apply; the demo seed they load reaches `@minka/routing` (delivery rounds are optimised). This maps
 * the tsconfig path aliases for plain `require`. Import it first.
 */
const ALIASES: Record<string, string> = {
  '@minka/routing': path.resolve(__dirname, '../../libs/routing/src'),
  '@minka/contracts': path.resolve(__dirname, '../../libs/contracts/src'),
};

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const original = loader._resolveFilename;
loader._resolveFilename = function resolveWithAliases(this: unknown, request: string, ...rest: unknown[]): string {
  for (const [alias, target] of Object.entries(ALIASES)) {
    if (request === alias) return original.call(this, target, ...rest);
    if (request.startsWith(`${alias}/`)) return original.call(this, path.join(target, request.slice(alias.length + 1)), ...rest);
  }
  return original.call(this, request, ...rest);
};
