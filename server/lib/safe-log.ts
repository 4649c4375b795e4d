/**
 * What a failed request leaves in the log. A drizzle "Failed query" error carries the
 * statement and every parameter (a password hash, a whole uploaded file); only the
 * statement's first line, the database error code and its message are kept.
 */
import type { Socket } from 'node:net'
import { problemType } from './problems.ts'

export function loggableError(error: unknown): Record<string, unknown> {
  const e = error as { name?: string; message?: string; code?: unknown; stack?: string; query?: unknown; params?: unknown; cause?: unknown }
  if (!e || typeof e !== 'object') return { message: String(error) }
  const cause = e.cause as { message?: string; code?: unknown } | undefined
  if (typeof e.query === 'string' || 'params' in e || /^Failed query:/.test(e.message ?? '')) {
    const statement = (typeof e.query === 'string' ? e.query : (e.message ?? '').replace(/^Failed query:\s*/, '')).split('\n')[0].slice(0, 200)
    return { type: e.name, message: 'Failed query', statement, code: cause?.code ?? e.code, cause: cause?.message }
  }
  return {
    type: e.name,
    message: e.message,
    code: e.code,
    stack: e.stack,
    ...(cause && typeof cause === 'object' ? { cause: loggableError(cause) } : {}),
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Content Too Large',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
}

/**
 * Errors Node's HTTP parser meets before Fastify has a request (oversize headers, a
 * malformed request line, a timeout) answered as problem+json instead of a bare status.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket) {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy(err)
    return
  }
  const status =
    err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'HPE_URI_TOO_LONG' ? 414 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
  const detail: Record<number, string> = {
    400: 'The request could not be read as HTTP.',
    408: 'The request took too long to arrive.',
    414: 'The URL is longer than the server accepts.',
    431: 'The request headers (or the URL) are larger than the server accepts.',
  }
  const body = JSON.stringify({ type: problemType(`http-${status}`), title: STATUS_TEXT[status], status, detail: detail[status] })
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}
