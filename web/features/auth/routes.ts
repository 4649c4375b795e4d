import type { RouteDef } from '../../app/router.ts'

/** Sign-in is shown by the shell whenever no one is signed in; it has no address of its own. */
export const authRoutes: RouteDef[] = []
