import { msg } from '@lit/localize'
import type { Procedure } from '../../api/types.ts'

export const MODES: NonNullable<Procedure['onlineMode']>[] = ['full', 'partial', 'none']

export function modeLabel(mode: NonNullable<Procedure['onlineMode']>): string {
  switch (mode) {
    case 'full':
      return msg('Fully online', { id: 'procedures.mode.full' })
    case 'partial':
      return msg('Partly online', { id: 'procedures.mode.partial' })
    case 'none':
      return msg('Not online', { id: 'procedures.mode.none' })
  }
}
