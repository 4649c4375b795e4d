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

/** Today as YYYY-MM-DD in the device's time zone (the default date of a plan). */
export function todayIso(): string {
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}
