import fastJson from 'fast-json-stringify'
import type { FastifySerializerCompiler } from 'fastify'

type Schema = Parameters<typeof fastJson>[0] & { type?: unknown; properties?: Record<string, Schema>; items?: Schema }

/** Encoded pieces of about this many characters: small enough to stay in V8's young generation. */
const CHUNK_CHARS = 16_384

/**
 * A list page (`{ items, nextCursor }`) is serialised item by item into a Buffer.
 *
 * fast-json-stringify (like JSON.stringify) builds one string from thousands of pieces, and
 * Fastify then measures and encodes it as UTF-8. Vietnamese text makes the string two bytes a
 * character, so a page of over ~64,000 characters (an inspections page is ~85,000) flattens
 * into a large-object allocation that costs ~0.7 ms, more than serialising the page.
 * Encoding 16 K-character pieces as they come costs ~0.1 ms for the same bytes, and Fastify
 * sends a Buffer as it is. Each item is still written by its own schema (fields not in the
 * schema are left out, types coerced), exactly as the default serialiser would.
 */
function pageSerializer(schema: Schema): ((data: { items: unknown[]; nextCursor: unknown }) => Buffer) | null {
  const props = schema.properties
  if (schema.type !== 'object' || !props) return null
  const keys = Object.keys(props)
  if (keys.length !== 2 || props.items?.type !== 'array' || !props.items.items || !props.nextCursor) return null
  const item = fastJson(props.items.items)
  const cursor = fastJson(props.nextCursor)
  return (data) => {
    const buffers: Buffer[] = []
    let chunk = '{"items":['
    const items = data.items
    for (let i = 0; i < items.length; i++) {
      chunk += i ? ',' + item(items[i]) : item(items[i])
      if (chunk.length >= CHUNK_CHARS) {
        buffers.push(Buffer.from(chunk))
        chunk = ''
      }
    }
    buffers.push(Buffer.from(chunk + '],"nextCursor":' + cursor(data.nextCursor) + '}'))
    return buffers.length === 1 ? buffers[0] : Buffer.concat(buffers)
  }
}

/**
 * Serialisers already built in this process, by schema. Building one is most of the cost
 * of starting an app (~0.4 s of CPU for every response schema); a process that builds
 * several apps (the tests build one or more per file) builds each serialiser once. The
 * schemas are self-contained (no shared `$ref`s), so equal text means an equal serialiser.
 */
const built = new WeakMap<object, (data: unknown) => string>()
const builtByText = new Map<string, (data: unknown) => string>()

/** Fastify's default (fast-json-stringify per response schema), with list pages written as above. */
export const serializerCompiler: FastifySerializerCompiler<Schema> = ({ schema }) => {
  let serializer = built.get(schema)
  if (!serializer) {
    const text = JSON.stringify(schema)
    serializer = builtByText.get(text)
    if (!serializer) builtByText.set(text, (serializer = (pageSerializer(schema) as ((data: unknown) => string) | null) ?? fastJson(schema)))
    built.set(schema, serializer)
  }
  return serializer
}
