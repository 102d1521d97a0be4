/**
 * Wall-clock times in a call's time zone. Deadlines are typed and shown as the call reads them
 * (its zone, not the device's): these turn such a wall time into an instant and back.
 */

/** The offset of `zone` from UTC at `instantMs`, in milliseconds. */
function zoneOffset(instantMs: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instantMs));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - (instantMs - (instantMs % 1000));
}

/**
 * The instant (ISO, UTC) that reads `local` ("2027-07-31T23:59") on the clocks of `zone`;
 * `null` for an incomplete value or an unknown zone.
 */
export function zonedToInstant(local: string, zone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, Number.isNaN(s) ? 0 : s!);
  try {
    const first = wall - zoneOffset(wall, zone);
    const instant = wall - zoneOffset(first, zone);
    return new Date(instant).toISOString();
  } catch {
    return null;
  }
}

/** `iso` as a wall-clock time of `zone`, "YYYY-MM-DDTHH:mm" (seconds kept when not zero). */
export function instantToZoned(iso: string, zone: string): string {
  const ms = Date.parse(iso);
  const local = new Date(ms + zoneOffset(ms, zone)).toISOString();
  return local.endsWith(":00.000Z") ? local.slice(0, 16) : local.slice(0, 19);
}
