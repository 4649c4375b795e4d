/**
 * A multipart/form-data body for `app.inject` (the test client sends Buffers as they are).
 *
 *   const form = multipartForm({ file: { filename: 'a.png', contentType: 'image/png', data: PNG } })
 *   await client.post('/api/attachments', form.body, { headers: { 'content-type': form.contentType } })
 */
export interface FilePart {
  filename: string
  contentType: string
  data: Buffer
}

export function multipartForm(parts: Record<string, string | FilePart>) {
  const boundary = `----qms-test-${Math.random().toString(16).slice(2)}`
  const chunks: Buffer[] = []
  for (const [name, value] of Object.entries(parts)) {
    if (typeof value === 'string') {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
    } else {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\nContent-Type: ${value.contentType}\r\n\r\n`),
        value.data,
        Buffer.from('\r\n'),
      )
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** The smallest valid PNG (1×1), and a JPEG header: enough for type sniffing. */
export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
