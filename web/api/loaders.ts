/**
 * Whole lists that several features need for their selects and filters, each one
 * `getAll` of its API list.
 */
import { get, getAll } from './client.ts'
import type { IsoClause, OrgUnit, Plan, Procedure, User } from './types.ts'

/** Every org unit, in tree order. */
export const loadAllOrgUnits = (signal?: AbortSignal) => getAll<OrgUnit>('/api/org-units', {}, { signal })

/** The plans a task may be added to now (draft or approved), newest year first. */
export const loadOpenPlans = async (signal?: AbortSignal) => (await getAll<Plan>('/api/plans', {}, { signal })).filter((p) => p.allowedActions.includes('add-task'))

/** "— — Name" labels for a select, showing the tree by indentation. */
export const indentedName = (unit: OrgUnit) => `${'\u2014 '.repeat(unit.depth)}${unit.name}`

/** Active users, optionally of one unit and the units below it. */
export const loadActiveUsers = (orgUnitId?: string, signal?: AbortSignal) => getAll<User>('/api/users', { active: true, orgUnitId }, { signal })

/** The whole catalogue (a few dozen to a few hundred procedures), for selects and filters. */
export const loadAllProcedures = (signal?: AbortSignal) => getAll<Procedure>('/api/procedures', {}, { signal })

/** The fields (lĩnh vực) the catalogue's procedures belong to. */
export async function loadFields(signal?: AbortSignal): Promise<string[]> {
  const res = await get<{ items: { field: string }[] }>('/api/procedures/fields', { signal })
  return res.items.map((f) => f.field)
}

let isoClauses: Promise<IsoClause[]> | undefined

/**
 * The ISO 9001:2015 clause outline, in the standard's order. Reference data that never
 * changes while the app runs, so it is fetched once per page session and shared by every
 * clause picker and filter (a failed fetch is tried again by the next caller). It takes
 * no signal: one caller going away must not abort what the others wait for.
 */
export function loadIsoClauses(): Promise<IsoClause[]> {
  if (!isoClauses) {
    const loading = get<{ items: IsoClause[] }>('/api/iso-clauses').then((r) => r.items)
    isoClauses = loading
    loading.catch(() => {
      if (isoClauses === loading) isoClauses = undefined
    })
  }
  return isoClauses
}
