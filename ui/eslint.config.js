// The UI's lint: Vue's recommended rules and TypeScript's, as `npm run lint` runs them in
// scripts/test.sh; layout is Prettier's (.prettierrc.json, lines up to 120 characters), checked in
// the same script. Generated bindings are the engine's types, not hand-written code.
import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import skipFormatting from '@vue/eslint-config-prettier/skip-formatting'

export default defineConfigWithVueTs(
  { ignores: ['dist/**', 'node_modules/**', 'src/bindings/**'] },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    rules: {
      // pages are named by what they show (`Home`, `Units`), as the router names them
      'vue/multi-word-component-names': 'off',
      // a leading underscore marks an argument a callback must take but does not use
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  skipFormatting,
)
