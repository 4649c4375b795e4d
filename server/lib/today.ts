import { localDate } from '../modules/calendar/working-days.ts'

/** Today's date (`YYYY-MM-DD`) in the agency's time zone. */
export const todayIn = (timeZone: string, now = new Date()) => localDate(now, timeZone)
