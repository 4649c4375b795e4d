import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { templates } from '../../web/i18n/vi.ts'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sources(full)
    return full.endsWith('.ts') && !full.endsWith('.vi.ts') ? [full] : []
  })
}

const used = new Map<string, string>()
for (const file of sources('web')) {
  for (const m of readFileSync(file, 'utf8').matchAll(/msg\(\s*(?:str)?[`'"][\s\S]*?\{\s*id:\s*'([^']+)'\s*\}\s*\)/g)) used.set(m[1], file)
}

test('the web app uses localised strings', () => {
  assert.ok(used.size > 50, `found ${used.size}`)
})

test('every string has a Vietnamese translation', () => {
  const missing = [...used].filter(([id]) => !(id in templates)).map(([id, file]) => `${id} (${file})`)
  assert.equal(missing, [])
})

test('no Vietnamese translation is left unused', () => {
  const unused = Object.keys(templates).filter((id) => !used.has(id))
  assert.equal(unused, [])
})

test.run()
