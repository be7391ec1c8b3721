import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/.tsbuild/**',
      '**/node_modules/**',
      '.confer/**',
      '**/test-results/**',
      '**/playwright-report/**',
      'ui/src/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['addin/src/**', 'portal/src/**', 'ui/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: [
      'scripts/**',
      'bin/**',
      'infra/hooks/**',
      'e2e/**',
      'bench/**',
      'drills/**',
      'api/scripts/**',
      '**/*.test.ts',
      'api/test/**',
    ],
    rules: { 'no-console': 'off' },
  },
);
