// ESLint flat config: typescript-eslint's strict type-checked rules over src/, test/, scripts/ and bench/.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'node_modules/**',
      'reports/**',
      '.stryker-tmp/**',
      'docs/api/**',
      // Generated from rules/ and data/ by scripts/build-*.ts; checked by rules:check instead.
      '**/*.generated.ts',
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', '*.cjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `const { a: _a, ...rest } = obj` is how a member is left out of a copy; `_`-prefixed names are deliberate.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Numbers in messages (`row ${n}`) format unambiguously; every other non-string type stays forbidden.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `(x) => out.push(x)` callbacks are idiomatic; `return voidCall()` in a block body is still reported.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // A `!` after an `expect(...)` guard fails the test loudly if the guard was wrong.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Tests build invalid input on purpose: deleting a key named at run time, unsafe casts of bad values,
      // and number literals that are not exactly representable (to test float-versus-decimal handling).
      '@typescript-eslint/no-dynamic-delete': 'off',
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      'no-loss-of-precision': 'off',
    },
  },
  {
    // Plain JavaScript config files are outside the TypeScript project.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    // Node scripts (bench/, scripts/) run under Node: its globals are defined.
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
);
