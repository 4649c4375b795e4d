import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

const api = process.env.QMS_API_URL ?? 'http://127.0.0.1:3000'

/** Server paths that are never the app: no offline fallback to index.html for these. */
const SERVER_PATHS = [/^\/api\//, /^\/docs(\/|$)/, /^\/health(\/|$)/, /^\/ready(\/|$)/]

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|ico|ttf)$/

/**
 * Writes `name.br` and `name.gz` beside every compressible file of the build (over 1 KB,
 * and only when smaller), which the server sends as they are (@fastify/static's
 * `preCompressed`): the best compression, paid once at build time instead of per request.
 * Runs after the service worker is written, so it is compressed too; the worker's
 * precache globs name the originals only.
 */
function precompress(): Plugin {
  let outDir = ''
  const br = promisify(brotliCompress)
  const gz = promisify(gzip)
  const walk = async (dir: string): Promise<string[]> =>
    (await Promise.all((await readdir(dir, { withFileTypes: true })).map((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)])))).flat()
  return {
    name: 'qms-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        for (const file of await walk(outDir)) {
          if (!COMPRESSIBLE.test(file) || (await stat(file)).size < 1024) continue
          const data = await readFile(file)
          const brotli = await br(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } })
          const gzipped = await gz(data, { level: 9 })
          if (brotli.length < data.length) await writeFile(`${file}.br`, brotli)
          if (gzipped.length < data.length) await writeFile(`${file}.gz`, gzipped)
        }
      },
    },
  }
}

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
    precompress(),
  ],
})
