/**
 * File uploads (multipart/form-data) for every module: one file per request plus text
 * fields. The type is sniffed from the bytes (file-type), never taken from the
 * client's header or file name; the SHA-256 is computed for integrity checks.
 *
 *   const { file, fields } = await readUpload(request, { allowed: IMAGE_OR_PDF, maxBytes })
 */
import { cleanText } from './text-input.ts'
import { createHash } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { fileTypeFromBuffer } from 'file-type'
import { Type, type TProperties } from 'typebox'
import { badRequest, fieldError, HttpProblem } from './problems.ts'

export const MIME = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  /** Not sniffable from magic bytes: accepted when allowed and the bytes are UTF-8 text without NUL bytes. */
  csv: 'text/csv',
} as const
export type Mime = (typeof MIME)[keyof typeof MIME]

export interface UploadedFile {
  filename: string
  contentType: Mime
  bytes: Buffer
  size: number
  sha256: string
}

export interface UploadOptions {
  allowed: readonly Mime[]
  maxBytes: number
  /** The form field that holds the file (default `file`). */
  field?: string
}

const MB = 1024 * 1024
const describeLimit = (bytes: number) =>
  bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : bytes >= 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${bytes} bytes`

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** Reads the single file and the text fields of a multipart request; 415 / 413 / 400 on bad uploads. */
export async function readUpload(request: FastifyRequest, options: UploadOptions): Promise<{ file: UploadedFile; fields: Record<string, string> }> {
  const field = options.field ?? 'file'
  if (!request.isMultipart()) {
    throw new HttpProblem(415, 'http-415', 'Unsupported media type', 'upload.not-multipart', { field })
  }
  const fields: Record<string, string> = {}
  let file: UploadedFile | undefined
  try {
    for await (const part of request.parts({ limits: { fileSize: options.maxBytes, files: 1, fields: 50, fieldSize: 100_000 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== field || file) {
          part.file.resume()
          continue
        }
        const bytes = await part.toBuffer()
        file = await describe(bytes, cleanText(part.filename ?? '', 'filename'), options)
      } else {
        fields[part.fieldname] = cleanText(String(part.value ?? ''), part.fieldname)
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new HttpProblem(413, 'http-413', 'File too large', 'upload.too-large', { limit: describeLimit(options.maxBytes) })
    }
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw badRequest('upload.too-many-parts', undefined)
    }
    throw err
  }
  if (!file) throw badRequest('upload.no-file', { field }, [fieldError(field, 'field.required')])
  return { file, fields }
}

async function describe(bytes: Buffer, filename: string, options: UploadOptions): Promise<UploadedFile> {
  if (bytes.length === 0) throw badRequest('upload.empty', undefined, [fieldError(options.field ?? 'file', 'field.file-empty')])
  const sniffed = await fileTypeFromBuffer(bytes)
  let type = sniffed?.mime as Mime | undefined
  if (!sniffed && options.allowed.includes(MIME.csv) && isUtf8Text(bytes)) type = MIME.csv
  if (!type || !options.allowed.includes(type)) {
    const allowed = options.allowed.map((m) => Object.entries(MIME).find(([, v]) => v === m)?.[0]?.toUpperCase() ?? m).join(', ')
    throw new HttpProblem(415, 'unsupported-file-type', 'Unsupported file type', 'upload.unsupported-type', {
      sniffed: sniffed ? `${sniffed.ext.toUpperCase()} (${sniffed.mime})` : null,
      allowed,
    })
  }
  return { filename: filename || 'file', contentType: type, bytes, size: bytes.length, sha256: sha256Hex(bytes) }
}

/** UTF-8 (with or without a BOM) and no NUL bytes: plain text such as CSV. */
function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

/**
 * Documents a multipart body in OpenAPI. Validation is done by `readUpload`, so the
 * validator compiler skips schemas marked `x-multipart` (server/lib/validation.ts).
 */
export function multipartBody(fields: TProperties, description = 'multipart/form-data: the file in `file`, plus these text fields') {
  return Type.Object({ file: Type.String({ format: 'binary', description: 'The file' }), ...fields }, { description, 'x-multipart': true })
}
