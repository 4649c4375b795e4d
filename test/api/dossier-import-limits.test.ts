import { deflateRawSync } from 'node:zlib'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext, type ApiClient } from '../helpers/app.ts'

// Low caps so the files stay small; the reading code is the same as with the defaults.
const MAX_ROWS = 20_000
const MAX_UNZIPPED = 4 * 1024 * 1024
const ctx = appContext({ config: { importMaxRows: MAX_ROWS, importMaxUncompressedBytes: MAX_UNZIPPED } })

/** A multipart/form-data body with one file and text fields. */
function multipart(file: { name: string; bytes: Buffer }, fields: Record<string, string>) {
  const boundary = `----qms${Math.random().toString(16).slice(2)}`
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`))
  parts.push(file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`))
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

// What makes the upload's type sniffing see an XLSX.
const CONTENT_TYPES = { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>') }

async function upload(client: ApiClient, name: string, bytes: Buffer, fields: Record<string, string> = { dryRun: 'true' }) {
  const { body, headers } = multipart({ name, bytes }, fields)
  return client.post('/api/dossiers/import', body, { headers })
}

/** A CSV of `n` valid dossiers received on working days of 2018. */
function bigCsv(n: number): Buffer {
  const lines = ['code,procedureCode,applicantName,channel,receivedAt,note']
  for (let i = 0; i < n; i++) lines.push(`BIG-${i},LD.01,Công ty TNHH số ${i},online,2018-10-0${1 + (i % 5)} 09:00,${'ghi chú '.repeat(4)}`)
  return Buffer.from(lines.join('\r\n'), 'utf8')
}

/**
 * A ZIP with the given entries, deflated; `declared` overrides the uncompressed size the
 * central directory states (a lying directory). CRCs are left 0: the size check runs
 * before anything verifies them.
 */
function zip(entries: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name)
    const packed = deflateRawSync(e.data, { level: 9 })
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(e.declared ?? e.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(e.declared ?? e.data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, packed)
    centrals.push(central, name)
    offset += 30 + name.length + packed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

const caps = suite('import caps', ctx)

caps('a CSV with more data rows than QMS_IMPORT_MAX_ROWS is refused, naming the setting; one at the cap is read', async ({ as }) => {
  const admin = await as('admin')
  const over = await upload(admin, 'big.csv', bigCsv(MAX_ROWS + 1))
  assert.is(over.status, 422, over.text)
  assert.is(over.body.type, 'urn:qms:problem:import-too-many-rows')
  assert.is(over.body.setting, 'QMS_IMPORT_MAX_ROWS')
  assert.is(over.body.limit, MAX_ROWS)
  assert.match(over.body.detail, /QMS_IMPORT_MAX_ROWS/)
})

caps('an XLSX that unzips past QMS_IMPORT_MAX_UNCOMPRESSED_BYTES is refused (413) whether its directory tells the truth or lies', async ({ as }) => {
  const admin = await as('admin')
  const zeros = Buffer.alloc(MAX_UNZIPPED + 1024, 0x20)
  const honest = zip([CONTENT_TYPES, { name: 'xl/worksheets/sheet1.xml', data: zeros }])
  assert.ok(honest.length < 64 * 1024, 'the bomb is small compressed')
  const res = await upload(admin, 'bomb.xlsx', honest)
  assert.is(res.status, 413, res.text)
  assert.is(res.body.type, 'urn:qms:problem:import-too-large')
  assert.is(res.body.setting, 'QMS_IMPORT_MAX_UNCOMPRESSED_BYTES')
  assert.match(res.body.detail, /QMS_IMPORT_MAX_UNCOMPRESSED_BYTES/)

  const lying = zip([CONTENT_TYPES, { name: 'xl/worksheets/sheet1.xml', data: zeros, declared: 1000 }])
  const lied = await upload(admin, 'bomb.xlsx', lying)
  assert.is(lied.status, 413, lied.text)
  assert.is(lied.body.setting, 'QMS_IMPORT_MAX_UNCOMPRESSED_BYTES')
})

caps('/health keeps answering (typically within 100 ms) while an import of QMS_IMPORT_MAX_ROWS rows is read and checked', async ({ as }) => {
  const admin = await as('admin')
  const file = bigCsv(MAX_ROWS)
  const started = Date.now()
  let finished = false
  const importing = upload(admin, 'big.csv', file).finally(() => {
    finished = true
  })
  const latencies: number[] = []
  while (!finished) {
    const t = performance.now()
    const health = await ctx.app.inject({ method: 'GET', url: '/health' })
    latencies.push(performance.now() - t)
    assert.ok(health.statusCode < 500)
    await new Promise((r) => setTimeout(r, 20))
  }
  const res = await importing
  const took = Date.now() - started
  assert.is(res.status, 200, res.text)
  assert.equal([res.body.rows, res.body.created, res.body.committed], [MAX_ROWS, MAX_ROWS, false])
  const worst = Math.max(...latencies)
  console.log(`    import of ${MAX_ROWS} rows: ${took} ms; /health asked ${latencies.length} times, slowest ${worst.toFixed(1)} ms`)
  assert.ok(took > 1000, `the import must take seconds to prove anything (took ${took} ms)`)
  // A frozen server would answer once, after the whole import. The 100 ms target is the
  // typical answer; the slowest single one is bounded loosely, as CI shares its two cores
  // with another test run and three browsers.
  const median = [...latencies].sort((a, b) => a - b)[Math.floor(latencies.length / 2)]!
  assert.ok(latencies.length >= 10, `/health answered only ${latencies.length} times during the import`)
  assert.ok(median < 100, `/health typically took ${median.toFixed(1)} ms`)
  assert.ok(worst < 1000, `/health took ${worst.toFixed(1)} ms`)
})

ctx.use(caps)
caps.run()
