/**
 * A figure against its target (a minimum, a maximum or both): the one rule for the
 * objectives' periods, and for the records raised from an off-target period (an NC, a
 * reform task). A hair of tolerance, so 100 % computed as 99.99999999 still counts.
 */
export const EPSILON = 1e-9

export interface Target {
  targetMin: number | null
  targetMax: number | null
}

/** true / false, or null when there is no value to judge. */
export function isOnTarget(target: Target, value: number | null): boolean | null {
  if (value === null) return null
  if (target.targetMin !== null && value < target.targetMin - EPSILON) return false
  if (target.targetMax !== null && value > target.targetMax + EPSILON) return false
  return true
}
