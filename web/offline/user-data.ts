/**
 * What this browser keeps for the signed-in user, and how it is removed. Devices at a
 * reception desk are shared: signing out must leave nothing of one user for the next.
 *
 * Conventions for offline code: an IndexedDB database holding a user's data is named
 * `qms-…`; a Cache Storage cache holding a user's data is any cache that is not
 * Workbox's precache (the app's own files, the same for every user, which stays so the
 * app still opens offline).
 */

export const USER_DB_PREFIX = 'qms-'
const PRECACHE_PREFIX = 'workbox-precache'

/** Deletes every `qms-` IndexedDB database and every non-precache cache; resolves when done. */
export async function clearUserData(): Promise<void> {
  await Promise.all([clearDatabases(), clearCaches()])
}

async function clearDatabases() {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return
  const databases = await indexedDB.databases()
  await Promise.all(
    databases
      .map((db) => db.name)
      .filter((name): name is string => Boolean(name?.startsWith(USER_DB_PREFIX)))
      .map(
        (name) =>
          new Promise<void>((resolve, reject) => {
            const request = indexedDB.deleteDatabase(name)
            request.onsuccess = () => resolve()
            request.onerror = () => reject(request.error)
            // Another tab still has it open: it is deleted as soon as that tab lets go.
            request.onblocked = () => resolve()
          }),
      ),
  )
}

async function clearCaches() {
  if (typeof caches === 'undefined') return
  const names = await caches.keys()
  await Promise.all(names.filter((name) => !name.startsWith(PRECACHE_PREFIX)).map((name) => caches.delete(name)))
}
