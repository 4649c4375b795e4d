/**
 * Who is signed in. One store for the page (the session is one per tab) and a reactive
 * controller so elements re-render when it changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { ApiError, get, NetworkError, post, sessionEvents, setCsrfToken } from '../api/client.ts'
import type { SessionInfo } from '../api/types.ts'
import { useTimeZone } from '../i18n/localization.ts'
import { closeOfflineDb, setOfflineUser } from '../offline/store.ts'
import { syncQueue } from '../offline/sync-queue.ts'
import { clearUserData } from '../offline/user-data.ts'

/**
 * `offline`: the server could not be reached, so the session is the one this browser last
 * saw (kept in localStorage without its CSRF token); the server still decides on every request.
 */
type State = { status: 'loading' } | { status: 'signed-out'; expired?: boolean } | { status: 'signed-in'; info: SessionInfo; offline?: boolean }

const LAST_SESSION = 'qms-last-session'

function remember(info: SessionInfo) {
  const { csrfToken: _secret, ...kept } = info
  localStorage.setItem(LAST_SESSION, JSON.stringify(kept))
}

function lastSession(): SessionInfo | null {
  try {
    const raw = localStorage.getItem(LAST_SESSION)
    return raw ? (JSON.parse(raw) as SessionInfo) : null
  } catch {
    return null
  }
}

class SessionStore extends EventTarget {
  state: State = { status: 'loading' }

  private set(state: State) {
    this.state = state
    if (state.status === 'signed-in') {
      setCsrfToken(state.info.csrfToken)
      useTimeZone(state.info.timeZone)
      if (!state.offline) remember(state.info)
      setOfflineUser(state.info.user.id)
      syncQueue.start()
    } else {
      setCsrfToken(undefined)
      setOfflineUser(undefined)
    }
    this.dispatchEvent(new Event('change'))
  }

  get info(): SessionInfo | null {
    return this.state.status === 'signed-in' ? this.state.info : null
  }

  can(permission: string): boolean {
    return this.info?.permissions.includes(permission) ?? false
  }

  /** Signed in, but working from what this browser kept: the server is out of reach. */
  get offline(): boolean {
    return this.state.status === 'signed-in' && Boolean(this.state.offline)
  }

  async load() {
    try {
      this.set({ status: 'signed-in', info: await get<SessionInfo>('/api/auth/me') })
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        localStorage.removeItem(LAST_SESSION)
        this.set({ status: 'signed-out' })
        return
      }
      const last = err instanceof NetworkError || err instanceof TypeError || (err instanceof ApiError && [502, 503, 504].includes(err.status)) ? lastSession() : null
      if (!last) throw err
      this.set({ status: 'signed-in', info: last, offline: true })
      // Back online: confirm the session with the server.
      window.addEventListener('online', () => void this.load().catch(() => undefined), { once: true })
    }
  }

  async login(username: string, password: string) {
    this.set({ status: 'signed-in', info: await post<SessionInfo>('/api/auth/login', { username, password }) })
  }

  async logout() {
    try {
      await post('/api/auth/logout')
    } finally {
      localStorage.removeItem(LAST_SESSION)
      setOfflineUser(undefined)
      await closeOfflineDb()
      // A shared device: nothing of this user's offline data is left for the next one.
      await clearUserData().catch((err: unknown) => console.warn('offline data not cleared', err))
      this.set({ status: 'signed-out' })
    }
  }

  expire() {
    localStorage.removeItem(LAST_SESSION)
    if (this.state.status === 'signed-in') this.set({ status: 'signed-out', expired: true })
  }
}

export const session = new SessionStore()
sessionEvents.addEventListener('expired', () => session.expire())

export class SessionController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this)
  }

  private readonly handleChange = () => this.host.requestUpdate()

  hostConnected() {
    session.addEventListener('change', this.handleChange)
  }

  hostDisconnected() {
    session.removeEventListener('change', this.handleChange)
  }

  get state() {
    return session.state
  }

  get info() {
    return session.info
  }

  get offline() {
    return session.offline
  }

  can(permission: string) {
    return session.can(permission)
  }
}
