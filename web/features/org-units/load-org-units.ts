import { get, type Page } from '../../api/client.ts'
import type { OrgUnit } from '../../api/types.ts'

/** Every org unit, in tree order (following the pages of the list). */
export async function loadAllOrgUnits(signal?: AbortSignal): Promise<OrgUnit[]> {
  const units: OrgUnit[] = []
  let cursor: string | null = null
  do {
    const page: Page<OrgUnit> = await get<Page<OrgUnit>>('/api/org-units', { query: { limit: 500, cursor }, signal })
    units.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return units
}

/** "— — Name" labels for a select, showing the tree by indentation. */
export const indentedName = (unit: OrgUnit) => `${'\u2014 '.repeat(unit.depth)}${unit.name}`
