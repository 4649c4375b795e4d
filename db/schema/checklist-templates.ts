import { sql } from 'drizzle-orm'
import { boolean, check, doublePrecision, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, inList, instant, timestamps, version, searchIndex, searchText } from './columns.ts'
import { users } from './users.ts'

export const CHECKLIST_CATEGORIES = [
  'attendance',
  'id_badge',
  'conduct',
  'on_time_handling',
  'public_posting',
  'documented_information',
  'other',
] as const
export type ChecklistCategory = (typeof CHECKLIST_CATEGORIES)[number]

export const RESPONSE_TYPES = ['pass_fail_na', 'number', 'text', 'choice'] as const
export type ResponseType = (typeof RESPONSE_TYPES)[number]


/**
 * A checklist (e.g. "Kiểm tra công vụ"). Its items live in revisions: changing a
 * template whose current revision an inspection already uses adds a new revision, so
 * every inspection keeps the items it was planned with.
 */
export const checklistTemplates = pgTable(
  'checklist_templates',
  {
    id: id(),
    name: text('name').notNull(),
    search: searchText('name'),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    /** The revision new inspections are planned with. */
    currentRevision: integer('current_revision').notNull().default(1),
    version: version(),
    ...timestamps(),
  },
  (t) => [check('checklist_templates_name_not_blank', sql`length(trim(${t.name})) > 0`), searchIndex('checklist_templates_search_idx', t.search)],
)

export const checklistTemplateRevisions = pgTable(
  'checklist_template_revisions',
  {
    id: id(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => checklistTemplates.id, { onDelete: 'restrict' }),
    revision: integer('revision').notNull(),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('checklist_template_revisions_key').on(t.templateId, t.revision), check('checklist_template_revisions_positive', sql`${t.revision} >= 1`)],
)

/** One line of a checklist revision. `key` is the item id the API shows; it stays the same across revisions. */
export const checklistTemplateItems = pgTable(
  'checklist_template_items',
  {
    id: id(),
    revisionId: uuid('revision_id')
      .notNull()
      .references(() => checklistTemplateRevisions.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    category: text('category').$type<ChecklistCategory>().notNull(),
    clauseNumbers: text('clause_numbers').array().notNull().default(sql`'{}'::text[]`),
    responseType: text('response_type').$type<ResponseType>().notNull().default('pass_fail_na'),
    choices: text('choices').array(),
    weight: doublePrecision('weight').notNull().default(1),
    perPerson: boolean('per_person').notNull().default(false),
    required: boolean('required').notNull().default(true),
    photoRequiredOnFail: boolean('photo_required_on_fail').notNull().default(false),
    createsFindingOnFail: boolean('creates_finding_on_fail').notNull().default(true),
  },
  (t) => [
    uniqueIndex('checklist_template_items_key').on(t.revisionId, t.key),
    index('checklist_template_items_category_idx').on(t.category),
    check('checklist_template_items_category_valid', sql`${t.category} in (${inList(CHECKLIST_CATEGORIES)})`),
    check('checklist_template_items_response_type_valid', sql`${t.responseType} in (${inList(RESPONSE_TYPES)})`),
    check('checklist_template_items_weight_valid', sql`${t.weight} >= 0`),
    check('checklist_template_items_choices', sql`(${t.responseType} = 'choice') = (${t.choices} is not null)`),
  ],
)

export type ChecklistTemplateRow = typeof checklistTemplates.$inferSelect
export type ChecklistTemplateRevisionRow = typeof checklistTemplateRevisions.$inferSelect
export type ChecklistTemplateItemRow = typeof checklistTemplateItems.$inferSelect
