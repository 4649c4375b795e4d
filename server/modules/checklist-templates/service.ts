import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import {
  checklistTemplateItems,
  checklistTemplateRevisions,
  checklistTemplates,
  type ChecklistTemplateItemRow,
  type ChecklistTemplateRow,
} from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { keyset, textKey } from '../../lib/pagination.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { badRequest, fieldError, HttpProblem, notFound, type FieldError } from '../../lib/problems.ts'
import { matchesSearch, parseSearch } from '../../lib/search.ts'
import { recordAudit } from '../audit-log/service.ts'
import { isIsoClause } from '../iso-clauses/service.ts'
import type {
  ChecklistItem,
  ChecklistItemInput,
  ChecklistTemplate,
  ChecklistTemplateQuery,
  CreateChecklistTemplate,
  UpdateChecklistTemplate,
} from './schemas.ts'
import { missingReference } from '../../lib/references.ts'

export function toChecklistItem(row: ChecklistTemplateItemRow): ChecklistItem {
  return {
    id: row.key,
    text: row.text,
    category: row.category,
    clauseNumbers: row.clauseNumbers,
    responseType: row.responseType,
    choices: row.choices,
    weight: row.weight,
    perPerson: row.perPerson,
    required: row.required,
    photoRequiredOnFail: row.photoRequiredOnFail,
    createsFindingOnFail: row.createsFindingOnFail,
  }
}

interface RevisionView {
  revision: number
  revisionId: string
  inUse: boolean
  items: ChecklistTemplateItemRow[]
}

export function toChecklistTemplate(row: ChecklistTemplateRow, view: RevisionView): ChecklistTemplate {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    active: row.active,
    revision: view.revision,
    revisionId: view.revisionId,
    currentRevision: row.currentRevision,
    inUse: view.inUse,
    items: view.items.map(toChecklistItem),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** Items of several revisions in one query, each list in checklist order. */
export async function itemsOfRevisions(db: Db, revisionIds: string[]): Promise<Map<string, ChecklistTemplateItemRow[]>> {
  const out = new Map<string, ChecklistTemplateItemRow[]>(revisionIds.map((id) => [id, []]))
  if (!revisionIds.length) return out
  const rows = await db
    .select()
    .from(checklistTemplateItems)
    .where(inArray(checklistTemplateItems.revisionId, revisionIds))
    .orderBy(asc(checklistTemplateItems.revisionId), asc(checklistTemplateItems.position))
  for (const row of rows) out.get(row.revisionId)!.push(row)
  return out
}

/** Revision rows with whether an inspection uses them. */
async function revisionsOf(db: Db, where: ReturnType<typeof and>) {
  return db
    .select({
      id: checklistTemplateRevisions.id,
      templateId: checklistTemplateRevisions.templateId,
      revision: checklistTemplateRevisions.revision,
      // Qualified by hand: inside a subquery drizzle may render a column without its table.
      inUse: sql<boolean>`exists (select 1 from inspections i where i.template_revision_id = checklist_template_revisions.id)`,
    })
    .from(checklistTemplateRevisions)
    .where(where)
}

async function findTemplate(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<ChecklistTemplateRow> {
  const query = db.select().from(checklistTemplates).where(eq(checklistTemplates.id, id))
  const [row] = options.forUpdate ? await query.for('update') : await query
  if (!row) throw notFound('checklist-template', id)
  return row
}

async function loadTemplate(db: Db, row: ChecklistTemplateRow, revision = row.currentRevision): Promise<ChecklistTemplate> {
  const [rev] = await revisionsOf(db, and(eq(checklistTemplateRevisions.templateId, row.id), eq(checklistTemplateRevisions.revision, revision)))
  if (!rev) throw new HttpProblem(404, 'not-found', 'Not found', 'checklist.revision-not-found', { revision, id: row.id })
  const items = await itemsOfRevisions(db, [rev.id])
  return toChecklistTemplate(row, { revision: rev.revision, revisionId: rev.id, inUse: Boolean(rev.inUse), items: items.get(rev.id)! })
}

export async function listChecklistTemplates(db: Db, actor: Actor, query: ChecklistTemplateQuery) {
  requirePermission(actor, 'checklist_template.read')
  const page = keyset([textKey(checklistTemplates.name, (r) => r.name), textKey(checklistTemplates.id, (r) => r.id)], query)
  const rows = await db
    .select()
    .from(checklistTemplates)
    .where(
      and(
        // Templates have no code: a short term matches the start of the name.
        matchesSearch(parseSearch(query.q), checklistTemplates.search),
        query.active === undefined ? undefined : eq(checklistTemplates.active, query.active),
        page.where,
      ),
    )
    .orderBy(asc(checklistTemplates.name), asc(checklistTemplates.id))
    .limit(page.limit)
  // The current revision of every template on the page, and their items, in two queries.
  const revisions = rows.length
    ? await revisionsOf(
        db,
        sql`(${checklistTemplateRevisions.templateId}, ${checklistTemplateRevisions.revision}) in (${sql.join(
          rows.map((r) => sql`(${r.id}::uuid, ${r.currentRevision}::int)`),
          sql`, `,
        )})`,
      )
    : []
  const byTemplate = new Map(revisions.map((r) => [r.templateId, r]))
  const items = await itemsOfRevisions(db, revisions.map((r) => r.id))
  return page.page(rows, (row) => {
    const rev = byTemplate.get(row.id)!
    return toChecklistTemplate(row, { revision: rev.revision, revisionId: rev.id, inUse: Boolean(rev.inUse), items: items.get(rev.id)! })
  })
}

export async function getChecklistTemplate(db: Db, actor: Actor, id: string, revision?: number) {
  requirePermission(actor, 'checklist_template.read')
  return loadTemplate(db, await findTemplate(db, id), revision)
}

type NormalisedItem = Omit<ChecklistItem, 'id'> & { key: string }

/** Fills defaults and checks what the schema cannot: unique ids, choices, real clause numbers. */
function normaliseItems(items: ChecklistItemInput[]): NormalisedItem[] {
  const errors: FieldError[] = []
  const given = new Set<string>()
  items.forEach((item, i) => {
    if (item.id === undefined) return
    if (given.has(item.id)) errors.push(fieldError(`items.${i}.id`, 'checklist.item-id-duplicate', { id: item.id }))
    given.add(item.id)
  })
  let counter = 0
  const nextKey = () => {
    let key: string
    do key = `item-${++counter}`
    while (given.has(key))
    given.add(key)
    return key
  }
  const out = items.map((item, i): NormalisedItem => {
    const responseType = item.responseType ?? 'pass_fail_na'
    const choices = item.choices ?? null
    if (responseType === 'choice' && !choices) errors.push(fieldError(`items.${i}.choices`, 'checklist.choices-required'))
    if (responseType !== 'choice' && choices) errors.push(fieldError(`items.${i}.choices`, 'checklist.choices-not-allowed'))
    ;(item.clauseNumbers ?? []).forEach((c, j) => {
      if (!isIsoClause(c)) errors.push(fieldError(`items.${i}.clauseNumbers.${j}`, 'field.not-a-clause', { value: c }))
    })
    return {
      key: item.id ?? '',
      text: item.text.trim(),
      category: item.category,
      clauseNumbers: item.clauseNumbers ?? [],
      responseType,
      choices,
      weight: item.weight ?? 1,
      perPerson: item.perPerson ?? false,
      required: item.required ?? true,
      photoRequiredOnFail: item.photoRequiredOnFail ?? false,
      createsFindingOnFail: item.createsFindingOnFail ?? true,
    }
  })
  if (errors.length) throw badRequest('checklist.invalid-items', { count: errors.length }, errors)
  for (const item of out) if (!item.key) item.key = nextKey()
  return out
}

async function insertItems(db: Db, revisionId: string, items: NormalisedItem[]) {
  await db.insert(checklistTemplateItems).values(items.map((item, position) => ({ ...item, revisionId, position })))
}

const comparable = (i: NormalisedItem) =>
  JSON.stringify([i.key, i.text, i.category, i.clauseNumbers, i.responseType, i.choices, i.weight, i.perPerson, i.required, i.photoRequiredOnFail, i.createsFindingOnFail])

function rowAsItem(row: ChecklistTemplateItemRow): NormalisedItem {
  const { id, ...rest } = toChecklistItem(row)
  return { key: id, ...rest }
}

/** Unchanged items (same order, same content) need no new revision. */
const sameItems = (a: NormalisedItem[], b: ChecklistTemplateItemRow[]) =>
  a.length === b.length && a.every((item, i) => comparable(item) === comparable(rowAsItem(b[i])))

/** Creates a template with its first revision (also used by the demo data). */
export async function insertTemplate(db: Db, actor: Actor, input: CreateChecklistTemplate): Promise<ChecklistTemplate> {
  const items = normaliseItems(input.items)
  const [row] = await db.insert(checklistTemplates).values({ name: input.name.trim(), description: input.description ?? null }).returning()
  const [rev] = await db
    .insert(checklistTemplateRevisions)
    .values({ templateId: row.id, revision: 1, createdById: actor.via === 'system' ? null : actor.userId })
    .returning()
  await insertItems(db, rev.id, items)
  return loadTemplate(db, row)
}

export async function createChecklistTemplate(db: Db, actor: Actor, input: CreateChecklistTemplate) {
  requirePermission(actor, 'checklist_template.write')
  return db.transaction(async (tx) => {
    const template = await insertTemplate(tx, actor, input)
    await recordAudit(tx, actor, { action: 'checklist_template.create', entityType: 'checklist_template', entityId: template.id, after: template })
    return template
  })
}

/**
 * Changes a template. New items replace the current revision's items when no
 * inspection uses that revision yet; otherwise they become a new revision, so planned
 * and past inspections keep the items they were planned with.
 */
export async function updateChecklistTemplate(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateChecklistTemplate, env: ServiceEnv) {
  requirePermission(actor, 'checklist_template.write')
  return db.transaction(async (tx) => {
    const current = await findTemplate(tx, id, { forUpdate: true })
    assertVersion(current, expectedVersion)
    const before = await loadTemplate(tx, current)
    let currentRevision = current.currentRevision
    if (input.items) {
      const items = normaliseItems(input.items)
      const existing = (await itemsOfRevisions(tx, [before.revisionId])).get(before.revisionId)!
      if (!sameItems(items, existing)) {
        if (before.inUse) {
          currentRevision += 1
          const [rev] = await tx
            .insert(checklistTemplateRevisions)
            .values({ templateId: id, revision: currentRevision, createdById: actor.via === 'system' ? null : actor.userId })
            .returning()
          await insertItems(tx, rev.id, items)
        } else {
          await tx.delete(checklistTemplateItems).where(eq(checklistTemplateItems.revisionId, before.revisionId))
          await insertItems(tx, before.revisionId, items)
        }
      }
    }
    const [row] = await tx
      .update(checklistTemplates)
      .set({
        name: input.name?.trim() ?? current.name,
        description: input.description === undefined ? current.description : input.description,
        active: input.active ?? current.active,
        currentRevision,
        version: current.version + 1,
        updatedAt: env.now,
      })
      .where(eq(checklistTemplates.id, id))
      .returning()
    const after = await loadTemplate(tx, row)
    await recordAudit(tx, actor, { action: 'checklist_template.update', entityType: 'checklist_template', entityId: id, before, after })
    return after
  })
}

/** The revision new inspections of a template are planned with; 400 naming `field` when unusable. */
export async function currentRevisionFor(db: Db, templateId: string, field = 'templateId') {
  const [found] = await db
    .select({ template: checklistTemplates, revisionId: checklistTemplateRevisions.id })
    .from(checklistTemplates)
    .innerJoin(
      checklistTemplateRevisions,
      and(eq(checklistTemplateRevisions.templateId, checklistTemplates.id), eq(checklistTemplateRevisions.revision, checklistTemplates.currentRevision)),
    )
    .where(eq(checklistTemplates.id, templateId))
  if (!found) throw missingReference(field, 'checklist-template')
  if (!found.template.active) throw badRequest('checklist.retired', undefined, [fieldError(field, 'checklist.field-retired')])
  return { template: found.template, revisionId: found.revisionId }
}
