import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

const api = process.env.QMS_API_URL ?? 'http://127.0.0.1:3000'

/** Server paths that are never the app: no offline fallback to index.html for these. */
const SERVER_PATHS = [/^\/api\//, /^\/docs(\/|$)/, /^\/health(\/|$)/, /^\/ready(\/|$)/]

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
  plugins: [
    // The offline app shell (docs/operations.md, "Offline app shell"): a Workbox service
    // worker that precaches the built app and nothing else. API responses are never
    // cached by it (no runtimeCaching), so one user's data cannot reach another's screen.
    VitePWA({
      strategies: 'generateSW',
      // A new version waits until the user chooses to reload (qms-update-banner).
      registerType: 'prompt',
      // Registered from the bundle (web/offline/service-worker.ts): no inline script for the CSP.
      injectRegister: false,
      // The icons are in globPatterns already.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'QMS Tracker',
        short_name: 'QMS',
        description: 'Quản lý chất lượng và kiểm tra nội bộ theo ISO 9001:2015',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        // tokens.css: --qms-primary and --qms-bg
        theme_color: '#0b5394',
        background_color: '#f4f6f9',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,woff,woff2,ttf}'],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: SERVER_PATHS,
        // The first visit is served by the worker at once, so the app reloads offline
        // right after it was opened; updates still wait for the user (registerType 'prompt').
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        runtimeCaching: [],
      },
    }),
  ],
})
