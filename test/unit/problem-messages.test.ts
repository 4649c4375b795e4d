import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { AUDIT_PROGRAMME_STATUSES, DOSSIER_STATUSES, INSPECTION_STATUSES, MANAGEMENT_REVIEW_STATUSES, NC_STATUSES, PAR_ASSESSMENT_STATUSES, PLAN_STATUSES, REVISION_STATUSES, RISK_STATUSES } from '../../db/schema/index.ts'
import { languageOf, LANGS, PROBLEM_MESSAGES, renderMessage, type Entry, type ProblemCode } from '../../server/lib/problem-messages.ts'
import { ENTITIES, OPERATIONS, STATUSES } from '../../server/lib/problem-words.ts'
import { HttpProblem, problemBody } from '../../server/lib/problems.ts'
import { PROBLEM_TITLES_VI } from '../../server/lib/problem-titles.ts'
import { DOSSIER_WORKFLOW } from '../../server/modules/dossiers/workflow.ts'
import { REVISION_WORKFLOW } from '../../server/modules/documents/workflow.ts'
import { REPORT_DRAFT_WORKFLOW } from '../../server/modules/reports/drafts/workflow.ts'
import { REPORT_DRAFT_STATUSES } from '../../db/schema/reports.ts'
import { INSPECTION_WORKFLOW } from '../../server/modules/inspections/service.ts'
import { NC_WORKFLOW } from '../../server/modules/nonconformities/transitions.ts'
import { RISK_WORKFLOW } from '../../server/modules/risks/service.ts'
import { REVIEW_WORKFLOW } from '../../server/modules/management-reviews/service.ts'
import { PAR_WORKFLOW } from '../../server/modules/par-index/service.ts'
import { PLAN_WORKFLOW } from '../../server/modules/plans/service.ts'
import { PROGRAMME_AUDIT_API_STATUSES } from '../../server/modules/audits/schemas.ts'
import { AUDIT_WORKFLOW, PROGRAMME_WORKFLOW } from '../../server/modules/audits/service.ts'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sources(full)
    return full.endsWith('.ts') ? [full] : []
  })
}

const CATALOGUE = path.join('server', 'lib', 'problem-messages.ts')
const files = sources('server').filter((f) => f !== CATALOGUE)
const code = files.map((f) => readFileSync(f, 'utf8')).join('\n')
const entries = PROBLEM_MESSAGES as Record<string, Entry<unknown>>
const keys = Object.keys(entries)

/** The codes the server passes to the problem helpers. */
const CALLS = [
  /\b(?:badRequest|conflict|forbidden|unprocessable|tooManyRequests)\(\s*'([^']+)'/g,
  /\b(?:fieldError|invalidField|brokenRule)\([^,]+,\s*'([^']+)'/g,
  /new HttpProblem\(\s*[^,]+,\s*[^,]+,\s*[^,]+,\s*'([^']+)'/g,
  // The nonconformity rules return codes the workflow throws as 403s.
  /\?\s*null\s*:\s*'(nonconformity\.[a-z-]+)'/g,
  // The dossier import's row problems (rowError and its callers).
  /'(import\.row\.[a-z-]+)'/g,
  /return '(nonconformity\.[a-z-]+)'/g,
]
const used = new Set(CALLS.flatMap((re) => [...code.matchAll(re)].map((m) => m[1])))

const ctx = { errors: [{ path: 'title', message: 'is required' }], fields: 'title is required' }

/** Renders with the example params, recording which params the text reads. */
function render(key: string, lang: 'en' | 'vi') {
  const entry = entries[key]
  const read = new Set<string>()
  const params = new Proxy((entry.example ?? {}) as Record<string, unknown>, {
    get(target, prop) {
      if (typeof prop !== 'string') return undefined
      read.add(prop)
      return target[prop]
    },
  })
  return { text: renderMessage(key as ProblemCode, params, lang, ctx), read }
}

test('the server passes the helpers over a hundred codes, all in the catalogue', () => {
  assert.ok(used.size > 100, `found ${used.size}`)
  assert.equal([...used].filter((c) => !(c in entries)), [])
})

test('every code of the catalogue is used by the server (schema.* by the validation errors)', () => {
  const unused = keys.filter((k) => !k.startsWith('schema.') && !code.includes(`'${k}'`))
  assert.equal(unused, [])
})

test('every code has English and Vietnamese text', () => {
  for (const key of keys) {
    for (const lang of LANGS) {
      const { text } = render(key, lang)
      assert.type(text, 'string', `${key} ${lang}`)
      assert.ok(text.trim().length > 0, `${key} ${lang} is empty`)
      assert.not.match(text, /undefined|NaN|\[object |\$\{/, `${key} ${lang}: ${text}`)
    }
  }
})

test('the Vietnamese text is not the English one', () => {
  const same = keys.filter((k) => !['stored-detail', 'http-error', 'validation.field'].includes(k) && render(k, 'en').text === render(k, 'vi').text)
  assert.equal(same, [])
})

test('the params a text reads are the params its code declares', () => {
  for (const key of keys) {
    const declared = Object.keys(entries[key].example ?? {})
    for (const lang of LANGS) {
      const undeclared = [...render(key, lang).read].filter((p) => !declared.includes(p))
      assert.equal(undeclared, [], `${key} ${lang} reads params its example does not have`)
    }
  }
})

test('the operations and statuses of every workflow have Vietnamese words', () => {
  const workflows = [
    [NC_WORKFLOW, NC_STATUSES],
    [REVISION_WORKFLOW, REVISION_STATUSES],
    [DOSSIER_WORKFLOW, DOSSIER_STATUSES],
    [INSPECTION_WORKFLOW, INSPECTION_STATUSES],
    [RISK_WORKFLOW, RISK_STATUSES],
    [REVIEW_WORKFLOW, MANAGEMENT_REVIEW_STATUSES],
    [PAR_WORKFLOW, PAR_ASSESSMENT_STATUSES],
    [PLAN_WORKFLOW, PLAN_STATUSES],
    [PROGRAMME_WORKFLOW, AUDIT_PROGRAMME_STATUSES],
    [AUDIT_WORKFLOW, PROGRAMME_AUDIT_API_STATUSES],
    [REPORT_DRAFT_WORKFLOW, REPORT_DRAFT_STATUSES],
  ] as const
  for (const [workflow, statuses] of workflows) {
    assert.ok(workflow.entity in ENTITIES, workflow.entity)
    for (const op of workflow.ops) assert.ok(OPERATIONS[`${workflow.entity}.${op}`]?.vi, `${workflow.entity}.${op}`)
    for (const status of statuses) assert.ok(STATUSES[`${workflow.entity}.${status}`]?.vi, `${workflow.entity}.${status}`)
  }
  // Words that replace an operation or a status in a sentence ({ action: 'add-action-to' }, illegalTransition(…)).
  const described = [...code.matchAll(/_WORKFLOW\.(?:assert|problem)\([^)]*\{ (action|status): '([^']+)' \}/g)]
  assert.ok(described.length >= 5, `found ${described.length}`)
  for (const [, kind, word] of described) assert.ok(Object.keys(kind === 'action' ? OPERATIONS : STATUSES).some((k) => k.endsWith(`.${word}`)), word)
  for (const m of code.matchAll(/illegalTransition\('([^']+)', '([^']+)', '([^']+)'/g)) {
    assert.ok(OPERATIONS[`${m[1]}.${m[2]}`], `${m[1]}.${m[2]}`)
    assert.ok(STATUSES[`${m[1]}.${m[3]}`], `${m[1]}.${m[3]}`)
  }
})

test('an illegal transition names the statuses and steps in Vietnamese', () => {
  const problem = NC_WORKFLOW.problem('plan', 'draft')
  assert.is(problem.detail, 'Cannot plan a nonconformity that is draft. Allowed now: analyze, cancel.')
  assert.is(
    problem.detailIn('vi'),
    'Không thể xác nhận kế hoạch hành động vì sự không phù hợp đang ở trạng thái “Nháp”. Lúc này chỉ có thể: phân tích nguyên nhân, hủy sự không phù hợp.',
  )
})

test('a problem body carries code, params and the detail and field messages in the language asked for', () => {
  const problem = new HttpProblem(400, 'validation', 'Invalid request', 'validation.fields', { where: 'body', count: 1 }, [
    { path: 'title', message: 'is required', code: 'required', text: 'schema.required' },
  ])
  const en = problemBody(problem, 'en')
  const vi = problemBody(problem, 'vi')
  assert.is(en.code, 'validation.fields')
  assert.equal(en.params, { where: 'body', count: 1 })
  assert.is(en.detail, 'The body has 1 invalid field: title is required.')
  assert.is(vi.detail, 'Nội dung yêu cầu có 1 trường không hợp lệ: title là bắt buộc.')
  assert.equal(vi.errors, [{ path: 'title', message: 'là bắt buộc', code: 'required' }])
})

test('every problem title the server uses has its Vietnamese, which a Vietnamese request gets', () => {
  const titles = new Set([
    ...[...code.matchAll(/new HttpProblem\(\s*[^,]+,\s*'[^']+',\s*'([^']+)'/g)].map((m) => m[1]!),
    // The titles Fastify's own errors get (errors.ts); the HTTP parser's (safe-log.ts) come
    // before any header is read, so they have no language to follow.
    ...[...readFileSync(path.join('server', 'plugins', 'errors.ts'), 'utf8').matchAll(/^\s+\d{3}: '([^']+)',$/gm)].map((m) => m[1]!),
    ...[...code.matchAll(/\?\? '(Request error)'/g)].map((m) => m[1]!),
  ])
  assert.ok(titles.size > 30, `found only ${titles.size} titles`)
  const missing = [...titles].filter((t) => !PROBLEM_TITLES_VI[t])
  assert.equal(missing, [], 'titles without Vietnamese')
  const body = problemBody(new HttpProblem(404, 'not-found', 'Not found', 'not-found', { entity: 'document', id: undefined }), 'vi')
  assert.is(body.title, 'Không tìm thấy')
  assert.is(problemBody(new HttpProblem(404, 'not-found', 'Not found', 'not-found', { entity: 'document', id: undefined }), 'en').title, 'Not found')
})

test('the language is the first of vi and en the request prefers; English without one', () => {
  assert.is(languageOf(undefined), 'en')
  assert.is(languageOf(''), 'en')
  assert.is(languageOf('vi'), 'vi')
  assert.is(languageOf('vi-VN,vi;q=0.9,en;q=0.8'), 'vi')
  assert.is(languageOf('en-GB,en;q=0.9,vi;q=0.8'), 'en')
  assert.is(languageOf('fr-FR,vi;q=0.5'), 'vi')
  assert.is(languageOf('en;q=0.3,vi;q=0.7'), 'vi')
  assert.is(languageOf('fr, de'), 'en')
  assert.is(languageOf('vi;q=0'), 'en')
})

test.run()
