/**
 * An E.164 number for reading: North American numbers grouped the usual way
 * (`+14502182137` → `+1 450-218-2137`), any other as stored.
 */
export function formatPhone(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? `+1 ${nanp[1]}-${nanp[2]}-${nanp[3]}` : e164;
}
