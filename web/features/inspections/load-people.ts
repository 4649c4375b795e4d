import { get, type Page } from '../../api/client.ts'
import type { User } from '../../api/types.ts'

/** Active users, optionally of one unit and the units below it (following every page). */
export async function loadActiveUsers(orgUnitId?: string, signal?: AbortSignal): Promise<User[]> {
  const users: User[] = []
  let cursor: string | null = null
  do {
    const page: Page<User> = await get<Page<User>>('/api/users', { query: { active: true, orgUnitId, limit: 500, cursor }, signal })
    users.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return users
}
