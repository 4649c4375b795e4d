/**
 * Serves the built web app (dist/web) and falls back to index.html for the app's own
 * routes, so a reload on /inspections/123 works. API and unknown files get a 404 problem.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { HttpProblem } from '../lib/problems.ts'
import { sendProblem } from './errors.ts'

export default fp(
  async function webAppPlugin(app: FastifyInstance, opts: { root: string }) {
    const hasApp = existsSync(path.join(opts.root, 'index.html'))
    if (hasApp) {
      await app.register(fastifyStatic, {
        root: opts.root,
        wildcard: false,
        index: false,
        // The build writes name.br and name.gz beside each text file (vite.config.ts):
        // sent as they are when the browser accepts them, compressed once at build time.
        preCompressed: true,
        // Hashed assets never change; index.html, the service worker (sw.js, workbox-*.js)
        // and manifest.webmanifest must always be fresh, or an update is never seen.
        setHeaders(res, filePath) {
          res.header('Cache-Control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache')
        },
      })
    } else {
      app.log.warn({ root: opts.root }, 'web app not built: run `npm run build` to serve the UI')
    }

    app.setNotFoundHandler((request, reply) => {
      const url = request.url.split('?')[0]
      const accept = request.headers.accept ?? ''
      const wantsJson = accept.includes('json') && !accept.includes('text/html')
      const isPage = ['GET', 'HEAD'].includes(request.method) && !url.startsWith('/api/') && !path.extname(url) && !wantsJson
      if (hasApp && isPage) return reply.header('Cache-Control', 'no-cache').sendFile('index.html')
      return sendProblem(request, reply, new HttpProblem(404, 'not-found', 'Not found', 'route-not-found', { method: request.method, url }))
    })
  },
  { name: 'web-app' },
)
