/**
 * A list page's records: the first page loads whenever the filters change (earlier
 * requests, a pending "Show more" included, are aborted: the browser closes them and the
 * server stops their queries), "Show more" appends the next page by cursor, and render()
 * covers loading, empty and error states the same way on every list.
 */
import { msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit'
import { get, type Page } from '../api/client.ts'

type Query = Record<string, string | number | boolean | undefined | null>

export interface PagedListOptions<P> {
  /** Records a page; 50 unless told. */
  limit?: number
  /** Called with the first page's whole response (e.g. to read a count the list carries besides its items). */
  onLoad?: (page: P) => void
}

/**
 * `query` is read on every update: return a stable object (a `@state` filters object,
 * replaced when a filter changes) so that only a real change reloads the list.
 */
export class PagedList<T, P extends Page<T> = Page<T>> {
  items: T[] = []
  nextCursor: string | null = null
  private readonly task: Task<readonly [object], P>
  private readonly limit: number
  /** The pending "Show more", aborted when a newer request supersedes it. */
  private moreRequest?: AbortController

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly url: string,
    private readonly query: () => object,
    options: PagedListOptions<P> = {},
  ) {
    this.limit = options.limit ?? 50
    this.task = new Task(host, {
      task: async ([q], { signal }) => {
        // A new first page (the filters or the search changed) supersedes "Show more" too.
        this.moreRequest?.abort()
        const page = await get<P>(this.url, { query: { ...(q as Query), limit: this.limit }, signal })
        this.items = page.items
        this.nextCursor = page.nextCursor
        options.onLoad?.(page)
        return page
      },
      args: () => [this.query()] as const,
    })
  }

  async more() {
    if (!this.nextCursor) return
    this.moreRequest?.abort()
    const request = (this.moreRequest = new AbortController())
    let page: P
    try {
      page = await get<P>(this.url, { query: { ...(this.query() as Query), limit: this.limit, cursor: this.nextCursor }, signal: request.signal })
    } catch (err) {
      // Superseded: the server stops its query when the request goes away.
      if (request.signal.aborted) return
      throw err
    }
    this.items = [...this.items, ...page.items]
    this.nextCursor = page.nextCursor
    this.host.requestUpdate()
  }

  /** Reload the first page with the current filters (after a change made on the page). */
  reload() {
    return this.task.run()
  }

  /**
   * The records through `list`, or the loading / empty / error line; "Show more" while
   * there is more. `empty` is the line for no records; `null` when `list` draws its own
   * empty state (it is then called with no records too). `retry` puts a "Try again"
   * button after the error line.
   */
  render(list: (items: T[]) => TemplateResult, empty: string | null = msg('Nothing here yet.', { id: 'common.empty' }), options: { retry?: boolean } = {}) {
    const body = () =>
      this.items.length || empty === null
        ? html`${list(this.items)}${this.nextCursor ? html`<p><button @click=${() => this.more()}>${msg('Show more', { id: 'common.loadMore' })}</button></p>` : nothing}`
        : html`<p class="muted">${empty}</p>`
    return this.task.render({
      pending: () => (this.items.length ? body() : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
      complete: body,
      error: () =>
        html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}${options.retry
          ? html` <button @click=${() => this.reload()}>${msg('Try again', { id: 'common.retry' })}</button>`
          : nothing}</p>`,
    })
  }
}
