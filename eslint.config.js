import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.data/**', '**/dist/**', 'apps/web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
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
);
