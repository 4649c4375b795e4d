/**
 * A list page's records: the first page loads whenever the filters change (earlier
 * requests are aborted), "Show more" appends the next page by cursor, and render()
 * covers loading, empty and error states the same way on every list.
 */
import { msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit'
import { get, type Page } from '../api/client.ts'

type Query = Record<string, string | number | boolean | undefined | null>

export class PagedList<T> {
  items: T[] = []
  nextCursor: string | null = null
  private readonly task: Task<readonly [object], Page<T>>

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly url: string,
    private readonly query: () => object,
    private readonly limit = 50,
  ) {
    this.task = new Task(host, {
      task: async ([q], { signal }) => {
        const page = await get<Page<T>>(this.url, { query: { ...(q as Query), limit: this.limit }, signal })
        this.items = page.items
        this.nextCursor = page.nextCursor
        return page
      },
      args: () => [this.query()] as const,
    })
  }

  async more() {
    if (!this.nextCursor) return
    const page = await get<Page<T>>(this.url, { query: { ...(this.query() as Query), limit: this.limit, cursor: this.nextCursor } })
    this.items = [...this.items, ...page.items]
    this.nextCursor = page.nextCursor
    this.host.requestUpdate()
  }

  /** Reload the first page with the current filters (after a change made on the page). */
  reload() {
    return this.task.run()
  }

  /** The records through `list`, or the loading / empty / error line; "Show more" while there is more. */
  render(list: (items: T[]) => TemplateResult, empty = msg('Nothing here yet.', { id: 'common.empty' })) {
    const body = () =>
      this.items.length
        ? html`${list(this.items)}${this.nextCursor ? html`<p><button @click=${() => this.more()}>${msg('Show more', { id: 'common.loadMore' })}</button></p>` : nothing}`
        : html`<p class="muted">${empty}</p>`
    return this.task.render({
      pending: () => (this.items.length ? body() : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
      complete: body,
      error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
    })
  }
}
