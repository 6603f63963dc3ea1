import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Pure domain files: decisions as functions of their inputs (`(command, state) => outcome`), with
// no I/O of their own. The store, routes, handlers and clients around them do the I/O and pass in
// what the decision needs (the current time included), so these files test without a database.
const domainFiles = [
  'services/*/src/**/{saga,saga.commands,saga.replies,saga.types,order,status-copies}.ts',
  'services/*/src/**/{stock,reservation,payment,card,shipment,user,address,category,product,review,product-listing}.ts',
];

const ioModules = [
  'pg', 'amqplib', 'ioredis', 'bullmq', 'undici', 'fastify', 'nodemailer', '@duckdb/*',
  'node:fs', 'node:fs/*', 'node:net', 'node:http', 'node:https', 'node:child_process', 'node:timers', 'node:timers/*', 'node:dns',
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.data/**', '**/dist/**', 'apps/web/dist/**', '**/test/fixtures/type-errors/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // A promise nobody awaits loses its error (an unhandled rejection, or a write that silently
      // did not happen); a promise passed where a plain callback is expected is never awaited.
      // node:test's test() and describe() return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }],
      }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Data ownership rule 4: a service never imports another service's code, and packages/ import
    // no service at all. Shared code lives in packages/.
    files: ['services/**/*.ts', 'packages/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/services/*', '../../*/src/*', '@bazaar/identity', '@bazaar/catalog', '@bazaar/inventory', '@bazaar/orders', '@bazaar/payments', '@bazaar/shipping', '@bazaar/notifications', '@bazaar/analytics', '@bazaar/gateway'], message: 'A service may not import another service; put shared code in packages/.' },
        ],
      }],
    },
  },
  {
    files: domainFiles,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ioModules, allowTypeImports: true, message: 'A pure domain file does no I/O: do it in a .store.ts, .routes.ts or .handlers.ts file and pass the result in.' },
          { group: ['**/*.store.js', '**/*.routes.js', '**/*.handlers.js', '**/*.client.js', '**/*.job.js', '**/*.runner.js', '**/*.service.js'], allowTypeImports: true, message: 'A pure domain file does not call the layers that do I/O; they call it.' },
          { group: ['@bazaar/platform'], importNames: ['withTransaction', 'createPool', 'createMessaging', 'createOutbox', 'createServiceClient', 'runService'], message: 'A pure domain file does no I/O.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'fetch', message: 'A pure domain file does no I/O: call the service from a .client.ts file.' },
        { name: 'setTimeout', message: 'A pure domain file does not wait: its caller schedules.' },
        { name: 'setInterval', message: 'A pure domain file does not wait: its caller schedules.' },
        { name: 'process', message: 'A pure domain file reads no environment: config.ts does.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'A pure domain file does not read the clock: take `now` as an argument.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'A pure domain file does not read the clock: take `now` as an argument.' },
      ],
    },
  },
);
