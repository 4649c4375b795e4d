import { msg } from '@lit/localize'
import type { ChecklistItem } from '../../api/types.ts'

export type Category = ChecklistItem['category']
export const CATEGORIES: Category[] = ['attendance', 'id_badge', 'conduct', 'on_time_handling', 'public_posting', 'documented_information', 'other']

export function categoryLabel(category: Category): string {
  switch (category) {
    case 'attendance':
      return msg('Working hours', { id: 'checklists.category.attendance' })
    case 'id_badge':
      return msg('ID badge', { id: 'checklists.category.id_badge' })
    case 'conduct':
      return msg('Conduct and dress', { id: 'checklists.category.conduct' })
    case 'on_time_handling':
      return msg('On-time handling', { id: 'checklists.category.on_time_handling' })
    case 'public_posting':
      return msg('Public posting', { id: 'checklists.category.public_posting' })
    case 'documented_information':
      return msg('Documented information', { id: 'checklists.category.documented_information' })
    case 'other':
      return msg('Other', { id: 'checklists.category.other' })
  }
}

export const RESPONSE_TYPES: ChecklistItem['responseType'][] = ['pass_fail_na', 'number', 'text', 'choice']

export function responseTypeLabel(type: ChecklistItem['responseType']): string {
  switch (type) {
    case 'pass_fail_na':
      return msg('Pass / fail / n.a.', { id: 'checklists.type.pass_fail_na' })
    case 'number':
      return msg('Number', { id: 'checklists.type.number' })
    case 'text':
      return msg('Text', { id: 'checklists.type.text' })
    case 'choice':
      return msg('Choice', { id: 'checklists.type.choice' })
  }
}
