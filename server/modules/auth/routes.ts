import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { problems } from '../../lib/schemas.ts'
import { ChangePasswordBody, LoginBody, SessionInfo } from './schemas.ts'
import { changeOwnPassword, currentSession, CSRF_COOKIE, login, logout, SESSION_COOKIE } from './service.ts'

const tags = ['auth']

function setSessionCookies(request: FastifyRequest, reply: FastifyReply, token: string, csrf: string, expires: Date) {
  // Secure whenever the request came over https (directly, or via a trusted proxy).
  const secure = request.protocol === 'https'
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires })
  // Readable by the web app, which echoes it in X-CSRF-Token (double submit, bound to the session).
  reply.setCookie(CSRF_COOKIE, csrf, { path: '/', httpOnly: false, sameSite: 'lax', secure, expires })
}

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/auth/login', {
    config: { public: true },
    schema: {
      summary: 'Sign in with username and password; sets the session cookie',
      description: 'Failed attempts are limited per username and per client address (429 with Retry-After).',
      tags,
      body: LoginBody,
      response: { 200: SessionInfo, ...problems(401, 429) },
    },
    handler: async (request, reply) => {
      const result = await login(
        app.db,
        { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'], requestId: request.id },
        app.env(),
      )
      setSessionCookies(request, reply, result.sessionToken, result.csrfToken, result.expiresAt)
      return { user: result.user, csrfToken: result.csrfToken, permissions: result.permissions, timeZone: app.config.timeZone }
    },
  })

  app.post('/auth/logout', {
    schema: { summary: 'Sign out: ends this session', tags, response: { 204: Type.Null({ description: 'Signed out' }) } },
    handler: async (request, reply) => {
      if (request.sessionId) await logout(app.db, request.actor, request.sessionId)
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' })
      return reply.code(204).send(null)
    },
  })

  app.get('/auth/me', {
    schema: { summary: 'The signed-in user, their permissions and CSRF token', tags, response: { 200: SessionInfo } },
    handler: (request) => currentSession(app.db, request.actor, app.config.timeZone, request.csrfToken),
  })

  app.post('/auth/password', {
    schema: {
      summary: 'Change your own password; your other sessions end',
      tags,
      body: ChangePasswordBody,
      response: { 204: Type.Null({ description: 'Changed' }) },
    },
    handler: async (request, reply) => {
      await changeOwnPassword(app.db, request.actor, request.sessionId, request.body, app.env())
      return reply.code(204).send(null)
    },
  })
}
export default authRoutes
