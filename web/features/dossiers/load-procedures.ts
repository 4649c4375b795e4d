import { get, type Page } from '../../api/client.ts'
import type { Procedure } from '../../api/types.ts'

/** The whole catalogue (a few dozen to a few hundred procedures), for selects and filters. */
export async function loadAllProcedures(signal?: AbortSignal): Promise<Procedure[]> {
  const items: Procedure[] = []
  let cursor: string | null = null
  do {
    const page: Page<Procedure> = await get<Page<Procedure>>('/api/procedures', { query: { limit: 500, cursor }, signal })
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}

export async function loadFields(signal?: AbortSignal): Promise<string[]> {
  const res = await get<{ items: { field: string }[] }>('/api/procedures/fields', { signal })
  return res.items.map((f) => f.field)
}
