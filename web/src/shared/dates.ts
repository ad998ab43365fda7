const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
// A `Date` scalar (`2026-11-21`) is a calendar day, not an instant: format it in UTC so no time zone moves it.
const calendarDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A `DateTime` (an instant) in the reader's time zone. */
export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));

/** A `Date` (a calendar day) as that same day wherever the reader is. */
export const formatDate = (day: string): string => calendarDay.format(new Date(`${day}T00:00:00Z`));
