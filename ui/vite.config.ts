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
    chunkSizeWarningLimit: 1100,
    // What every page shares (Vue, the Element Plus components used, the api and lib modules)
    // travels as one chunk and the styles as one file, each page as one more: a page loads in one
    // request. Dozens of small chunks at once opened enough parallel connections to stall
    // `renda serve` (its HTTP server's connection pool can leave a new keep-alive connection
    // waiting until another one closes).
    cssCodeSplit: false,
    rollupOptions: {
      output: {
        manualChunks: (id) =>
          /node_modules\/(echarts|zrender)\/|EChart\.vue|BarChart\.vue/.test(id)
            ? undefined
            : /node_modules\/|\/src\/(api|lib|components|bindings)\//.test(id)
              ? 'common'
              : undefined,
      },
    },
    // Fonts and icons stay inside the bundle: nothing is fetched from the network at run time.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
