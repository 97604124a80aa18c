import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// Relative asset paths: the same dist/ is served by the Tauri window and by `renda serve`.
// Element Plus components (and their styles) are imported by the pages that use them, so each
// page's chunk carries only what it shows; the first screen loads the shell and 工作台 only.
export default defineConfig({
  base: './',
  plugins: [vue(), Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    // Fonts and icons stay inside the bundle: nothing is fetched from the network at run time.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
