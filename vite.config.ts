import { defineConfig } from 'vite'

const api = process.env.QMS_API_URL ?? 'http://127.0.0.1:3000'

export default defineConfig({
  root: 'web',
  publicDir: 'public',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // Lit and the app fit in one small chunk; no inline scripts, so the strict CSP holds.
    assetsInlineLimit: 0,
  },
  server: {
    port: 5173,
    proxy: { '/api': api, '/docs': api, '/health': api, '/ready': api },
  },
})
