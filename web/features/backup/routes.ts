import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

const load = () => import('./qms-backup-page.ts')

export const backupRoutes: RouteDef[] = [{ load, pattern: '/admin/backup', render: () => html`<qms-backup-page></qms-backup-page>` }]
