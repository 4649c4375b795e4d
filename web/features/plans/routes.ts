import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () =>
  Promise.all([
    import('./qms-plans-page.ts'),
    import('./qms-plan-form.ts'),
    import('./qms-plan-page.ts'),
    import('./qms-plan-tasks-page.ts'),
    import('./qms-plan-task-page.ts'),
    import('./qms-plan-task-new-page.ts'),
    import('./qms-plan-areas-page.ts'),
  ])

export const planRoutes: RouteDef[] = [
  { load, pattern: '/plans', render: () => html`<qms-plans-page></qms-plans-page>` },
  { load, pattern: '/plans/new', render: () => html`<qms-plan-form></qms-plan-form>` },
  { load, pattern: '/plans/:id/edit', render: (p) => html`<qms-plan-form .planId=${p.id}></qms-plan-form>` },
  { load, pattern: '/plans/:id', render: (p) => html`<qms-plan-page .planId=${p.id}></qms-plan-page>` },
  { load, pattern: '/plans/:id/tasks/:taskId', render: (p) => html`<qms-plan-task-page .planId=${p.id} .taskId=${p.taskId}></qms-plan-task-page>` },
  { load, pattern: '/plan-tasks/new', render: (_p, q) => html`<qms-plan-task-new-page .query=${q}></qms-plan-task-new-page>` },
  { load, pattern: '/plan-tasks/:taskId', render: (p) => html`<qms-plan-task-page .taskId=${p.taskId}></qms-plan-task-page>` },
  { load, pattern: '/plan-areas', render: () => html`<qms-plan-areas-page></qms-plan-areas-page>` },
  { load, pattern: '/plan-tasks', render: (_p, q) => html`<qms-plan-tasks-page .query=${q}></qms-plan-tasks-page>` },
]
