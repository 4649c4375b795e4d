import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'
import './qms-user-editor.ts'
import './qms-users-page.ts'

export const userRoutes: RouteDef[] = [
  { pattern: '/admin/users', render: () => html`<qms-users-page></qms-users-page>` },
  { pattern: '/admin/users/new', render: () => html`<qms-user-editor></qms-user-editor>` },
  { pattern: '/admin/users/:id', render: (p) => html`<qms-user-editor .userId=${p.id}></qms-user-editor>` },
]
