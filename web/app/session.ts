/**
 * Who is signed in. One store for the page (the session is one per tab) and a reactive
 * controller so elements re-render when it changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { ApiError, get, post, sessionEvents, setCsrfToken } from '../api/client.ts'
import type { SessionInfo } from '../api/types.ts'
import { useTimeZone } from '../i18n/localization.ts'
import { clearUserData } from '../offline/user-data.ts'

type State = { status: 'loading' } | { status: 'signed-out'; expired?: boolean } | { status: 'signed-in'; info: SessionInfo }

class SessionStore extends EventTarget {
  state: State = { status: 'loading' }

  private set(state: State) {
    this.state = state
    if (state.status === 'signed-in') {
      setCsrfToken(state.info.csrfToken)
      useTimeZone(state.info.timeZone)
    } else setCsrfToken(undefined)
    this.dispatchEvent(new Event('change'))
  }

  get info(): SessionInfo | null {
    return this.state.status === 'signed-in' ? this.state.info : null
  }

  can(permission: string): boolean {
    return this.info?.permissions.includes(permission) ?? false
  }

  async load() {
    try {
      this.set({ status: 'signed-in', info: await get<SessionInfo>('/api/auth/me') })
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) this.set({ status: 'signed-out' })
      else throw err
    }
  }

  async login(username: string, password: string) {
    this.set({ status: 'signed-in', info: await post<SessionInfo>('/api/auth/login', { username, password }) })
  }

  async logout() {
    try {
      await post('/api/auth/logout')
    } finally {
      // A shared device: nothing of this user's offline data is left for the next one.
      await clearUserData().catch((err: unknown) => console.warn('offline data not cleared', err))
      this.set({ status: 'signed-out' })
    }
  }

  expire() {
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

  can(permission: string) {
    return session.can(permission)
  }
}
