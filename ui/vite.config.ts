import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// Relative asset paths: the same dist/ is served by the Tauri window and by `renda serve`.
export default defineConfig({
  base: './',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    // Fonts and icons stay inside the bundle: nothing is fetched from the network at run time.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
