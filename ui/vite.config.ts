import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// Relative asset paths: the same dist/ is served by the Tauri window and by `renda serve`.
// Element Plus components are imported where the pages use them (only those are bundled); pages
// load when first visited; ECharts only with the pages that draw charts.
export default defineConfig({
  base: './',
  plugins: [vue(), Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Rollup splits what the pages share into chunks of their own: the first page loads only what
    // it uses (a few parallel requests, which `renda serve` answers each on its own task).
    // Fonts and icons stay inside the bundle: nothing is fetched from the network at run time.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
