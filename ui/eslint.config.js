// The UI's lint: Vue's recommended rules and TypeScript's, as `npm run lint` runs them in
// scripts/test.sh. Generated bindings are the engine's types, not hand-written code.
import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'

export default defineConfigWithVueTs(
  { ignores: ['dist/**', 'node_modules/**', 'src/bindings/**'] },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    rules: {
      // pages are named by what they show (`Home`, `Units`), as the router names them
      'vue/multi-word-component-names': 'off',
      // layout is the formatter's business, not the linter's: templates keep short tags on one line
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      // a leading underscore marks an argument a callback must take but does not use
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
)
