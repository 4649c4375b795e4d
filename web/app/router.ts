/**
 * A small history router as a reactive controller: the host re-renders when the path
 * changes. Links are plain <a href>; the shell turns clicks on them into navigation.
 */
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit'

/** One page of the app; each feature lists its own in `features/<domain>/routes.ts`. */
export interface RouteDef {
  /** `/admin/users/:id` style; `:name` segments arrive in `params`. */
  pattern: string
  render: (params: Record<string, string>, query: URLSearchParams) => TemplateResult
  /**
   * Loads the page's elements, the first time one of the feature's pages is opened; until
   * then its tag waits undefined (Lit keeps the properties set on it). So the first load
   * (the sign-in page) carries the shell only.
   */
  load?: () => Promise<unknown>
}

export interface Match {
  route: string
  params: Record<string, string>
}

export class RouterController implements ReactiveController {
  path = location.pathname
  query = new URLSearchParams(location.search)

  constructor(private readonly host: ReactiveControllerHost & EventTarget) {
    host.addController(this)
  }

  private readonly handlePopState = () => this.sync()

  hostConnected() {
    window.addEventListener('popstate', this.handlePopState)
  }

  hostDisconnected() {
    window.removeEventListener('popstate', this.handlePopState)
  }

  navigate(to: string, options: { replace?: boolean } = {}) {
    if (to === location.pathname + location.search) return
    if (options.replace) history.replaceState(null, '', to)
    else history.pushState(null, '', to)
    this.sync()
    window.scrollTo(0, 0)
  }

  private sync() {
    this.path = location.pathname
    this.query = new URLSearchParams(location.search)
    this.host.requestUpdate()
  }

  /** Matches the current path against patterns such as `/admin/users/:id`. */
  match(patterns: string[]): Match | null {
    const parts = this.path.replace(/\/+$/, '').split('/')
    for (const route of patterns) {
      const want = route.replace(/\/+$/, '').split('/')
      if (want.length !== parts.length) continue
      const params: Record<string, string> = {}
      if (want.every((w, i) => (w.startsWith(':') ? ((params[w.slice(1)] = decodeURIComponent(parts[i])), true) : w === parts[i]))) {
        return { route, params }
      }
    }
    return null
  }
}

/** Finds the <a> a click landed on, through shadow roots, if the app should handle it. */
export function internalLink(event: MouseEvent): string | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null
  const anchor = event.composedPath().find((el): el is HTMLAnchorElement => el instanceof HTMLAnchorElement)
  if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.origin !== location.origin) return null
  if (anchor.pathname.startsWith('/api/') || anchor.pathname.startsWith('/docs')) return null
  return anchor.pathname + anchor.search
}
