import { Ajv, type Options } from 'ajv'
import formatsModule from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'

// ajv-formats is CommonJS: under ESM its default export is the module object.
const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ?? formatsModule) as typeof formatsModule

/**
 * Two validators: JSON bodies are checked strictly as sent (no type coercion, every
 * error reported); query strings, params and headers arrive as text, so those are coerced.
 */
function makeAjv(options: Options) {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, strict: false, ...options })
  addFormats(ajv)
  // PostgreSQL has no year 0 (ISO 8601's 0000 is 1 BC there): refuse it here as a 400 instead of a cast error (a 500).
  for (const name of ['date', 'date-time']) {
    const format = ajv.formats[name] as { type?: 'string'; validate: (s: string) => boolean; compare?: (a: string, b: string) => number }
    ajv.addFormat(name, { type: 'string', compare: format.compare, validate: (s: string) => !s.startsWith('0000') && format.validate(s) })
  }
  return ajv
}

const bodyAjv = makeAjv({ coerceTypes: false })
const textAjv = makeAjv({ coerceTypes: 'array' })

/**
 * Validators already compiled in this process, by validator and schema text: Fastify hands
 * each new app its own copies of the route schemas, which ajv's cache (by object) misses,
 * and a process that builds several apps (the tests) would compile every one again.
 */
const compiled = new Map<string, ReturnType<Ajv['compile']>>()

export const validatorCompiler: FastifySchemaCompiler<any> = ({ schema, httpPart }) => {
  // Multipart bodies are read and checked by readUpload (server/lib/uploads.ts); their schema only documents them.
  if (httpPart === 'body' && (schema as Record<string, unknown>)['x-multipart']) return () => true
  const key = `${httpPart === 'body' ? 'body' : 'text'}:${JSON.stringify(schema)}`
  let validate = compiled.get(key)
  if (!validate) compiled.set(key, (validate = (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object)))
  return validate
}
