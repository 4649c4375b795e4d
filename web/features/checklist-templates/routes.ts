import { html } from 'lit'
import type { RouteDef } from '../../app/routes.ts'
import './qms-checklist-templates-page.ts'

export const checklistTemplateRoutes: RouteDef[] = [
  { pattern: '/checklist-templates', render: () => html`<qms-checklist-templates-page></qms-checklist-templates-page>` },
]
