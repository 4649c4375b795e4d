import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'
import './qms-checklist-template-editor.ts'
import './qms-checklist-templates-page.ts'

export const checklistTemplateRoutes: RouteDef[] = [
  { pattern: '/checklist-templates', render: () => html`<qms-checklist-templates-page></qms-checklist-templates-page>` },
  { pattern: '/checklist-templates/new', render: () => html`<qms-checklist-template-editor></qms-checklist-template-editor>` },
  { pattern: '/checklist-templates/:id', render: (p) => html`<qms-checklist-template-editor .templateId=${p.id}></qms-checklist-template-editor>` },
]
