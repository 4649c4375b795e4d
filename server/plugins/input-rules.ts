/**
 * Bad input is a 400/415, never a 500 (issue 14, item 7): JSON bodies must be UTF-8 and
 * decode strictly, text is checked and put in NFC before validation (server/lib/text-input.ts),
 * the query string must percent-decode to UTF-8, and an oversize body is read (up to a cap)
 * before the 413 so a client still sending gets the answer instead of a broken pipe.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { HttpProblem, invalidField } from '../lib/problems.ts'
import { cleanText, cleanTree } from '../lib/text-input.ts'

/** How much of an oversize body is read and dropped before answering 413, as a multiple of the body limit. */
const DRAIN_FACTOR = 4

function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')
  return match?.[1].toLowerCase()
}

const tooLarge = () => new HttpProblem(413, 'http-413', 'Request body too large', 'body-too-large', undefined)

/** Reads the whole body as bytes; past `limit` the rest is drained (up to the cap) and a 413 returned. */
function readBody(request: FastifyRequest, payload: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'])
    const chunks: Buffer[] = []
    let received = 0
    let over = !Number.isNaN(declared) && declared > limit
    const cap = limit * DRAIN_FACTOR
    const finish = (err?: unknown) => {
      payload.removeListener('data', onData)
      payload.removeListener('end', onEnd)
      payload.removeListener('error', onError)
      if (err) reject(err)
      else if (over) reject(tooLarge())
      else resolve(Buffer.concat(chunks))
    }
    const onData = (chunk: Buffer) => {
      received += chunk.length
      if (received > limit) {
        over = true
        chunks.length = 0
      }
      if (received > cap) {
        // Past the cap the connection is given up (Fastify closes it after the 413).
        payload.pause()
        finish()
        return
      }
      if (!over) chunks.push(chunk)
    }
    const onEnd = () => finish()
    const onError = (err: unknown) => finish(err)
    payload.on('data', onData)
    payload.on('end', onEnd)
    payload.on('error', onError)
  })
}

export default fp(
  async function inputRules(app: FastifyInstance) {
    const parseJson = app.getDefaultJsonParser('error', 'error')
    const limit = app.initialConfig.bodyLimit ?? 1_048_576
    app.removeContentTypeParser('application/json')
    app.addContentTypeParser('application/json', async (request: FastifyRequest, payload: NodeJS.ReadableStream) => {
      const charset = charsetOf(request.headers['content-type'])
      if (charset && charset !== 'utf-8' && charset !== 'utf8') {
        // Still read the body, so the client gets the answer rather than a reset.
        await readBody(request, payload, limit).catch(() => undefined)
        throw new HttpProblem(415, 'http-415', 'Unsupported media type', 'validation.json-utf8', { charset })
      }
      const bytes = await readBody(request, payload, limit)
      let text: string
      try {
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
      } catch {
        throw invalidField('body', 'field.not-utf8')
      }
      return new Promise((resolve, reject) => {
        parseJson(request, text, (err, body) => (err ? reject(err) : resolve(body)))
      })
    })

    app.addHook('onRequest', async (request) => {
      const url = request.raw.url ?? ''
      const q = url.indexOf('?')
      if (q < 0) return
      for (const pair of url.slice(q + 1).split('&')) {
        const [rawKey, rawValue = ''] = pair.split('=', 2)
        let key = rawKey
        try {
          key = decodeURIComponent(rawKey.replace(/\+/g, ' '))
          decodeURIComponent(rawValue.replace(/\+/g, ' '))
        } catch {
          throw invalidField(`query.${key.slice(0, 50)}`, 'field.not-percent-utf8')
        }
      }
    })

    app.addHook('preValidation', async (request) => {
      if (request.params) cleanTree(request.params, 'params')
      if (request.query) cleanTree(request.query, 'query')
      if (request.body !== undefined && request.body !== null && typeof request.body === 'object') cleanTree(request.body, 'body')
      else if (typeof request.body === 'string') request.body = cleanText(request.body, 'body')
    })
  },
  { name: 'input-rules', dependencies: ['errors'] },
)
