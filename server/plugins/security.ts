import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/**
 * Security headers. The CSP allows only our own scripts; styles may be inline because
 * Lit and the charts set element styles, and images may be blobs (photo previews).
 * The offline app shell's service worker (/sw.js) and web manifest are our own files too.
 */
export default fp(
  async function securityPlugin(app: FastifyInstance) {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          workerSrc: ["'self'"],
          manifestSrc: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      // The app is served over plain http on localhost by default; HSTS belongs to the proxy that terminates TLS.
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
    })
  },
  { name: 'security' },
)
