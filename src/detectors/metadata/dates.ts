/**
 * EXIF / XMP date parsing with explicit time zones. EXIF DateTime* tags are local wall-clock time
 * ('YYYY:MM:DD HH:MM:SS', CIPA DC-008 §4.6.5) with the offset, when recorded, in OffsetTime* (EXIF 2.31); XMP dates
 * are ISO 8601 with or without an offset. Nothing here uses the server's time zone.
 */

/** A parsed date: wall-clock time read as if it were UTC, plus the offset when the file states one. */
export interface WallClock {
  /** Wall-clock time as epoch ms if it were UTC. */
  wallMs: number;
  /** Minutes east of UTC, when the value itself carries an offset. */
  offsetMinutes?: number;
  /** The value as written, for messages. */
  text: string;
}

/**
 * Dates written by devices whose clock was never set (firmware defaults). They say nothing about capture time.
 * Source: shared/corpus camera/mei__Motorola_XT1068_Moto_G.jpg and mei__Oppo_R7_Plus.jpg (CreateDate 2002:12:08 12:00:00
 * next to a real DateTimeOriginal), and the Unix/EXIF epochs.
 */
const DEFAULT_DATES = new Set(['2002:12:08 12:00:00', '1970:01:01 00:00:00', '2000:01:01 00:00:00', '1980:01:01 00:00:00']);

const RE = /^(\d{4})[:-](\d{2})[:-](\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** Parse 'Z', '+08:00', '-0400' into minutes east of UTC. */
export function parseOffset(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = s.trim();
  if (t === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(t);
  if (!m) return undefined;
  const v = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return Math.abs(v) <= 14 * 60 ? v : undefined;
}

/** Parse an EXIF or XMP date; undefined for blanks, impossible values, years before 1990 and firmware defaults. */
export function parseWallClock(value: unknown): WallClock | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\0+$/, '').trim();
  if (DEFAULT_DATES.has(text.slice(0, 19).replace(/-/g, ':').replace('T', ' '))) return undefined;
  const m = RE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', off] = m;
  const Y = Number(y), M = Number(mo), D = Number(d), H = Number(h), MI = Number(mi), S = Number(s);
  if (Y < 1990 || M < 1 || M > 12 || D < 1 || D > 31 || H > 23 || MI > 59 || S > 60) return undefined;
  const wallMs = Date.UTC(Y, M - 1, D, H, MI, S);
  if (new Date(wallMs).getUTCDate() !== D) return undefined;
  const offsetMinutes = parseOffset(off);
  return offsetMinutes === undefined ? { wallMs, text } : { wallMs, offsetMinutes, text };
}

/** An instant known up to an interval: [earliest, latest] epoch ms. */
export interface Instant {
  earliest: number;
  latest: number;
  /** How the zone was decided. */
  zone: 'offset-tag' | 'gps' | 'context' | 'unknown';
  offsetMinutes?: number;
}

/** Largest UTC offset in use (UTC−12 … UTC+14): the margin when the zone is unknown. */
export const MAX_OFFSET_MS = 14 * 3_600_000;

/** Resolve a wall-clock date to an instant interval, given an offset or the unknown-zone margin. */
export function toInstant(w: WallClock, offsetMinutes: number | undefined, zone: Instant['zone']): Instant {
  if (offsetMinutes === undefined) return { earliest: w.wallMs - MAX_OFFSET_MS, latest: w.wallMs + MAX_OFFSET_MS, zone: 'unknown' };
  const t = w.wallMs - offsetMinutes * 60_000;
  return { earliest: t, latest: t, zone, offsetMinutes };
}

/**
 * UTC instant of the GPS fix from GPSDateStamp ('YYYY:MM:DD') and GPSTimeStamp ([h, m, s], UTC per EXIF 2.32 §4.6.6),
 * or undefined.
 */
export function gpsInstant(gps: Record<string, unknown>): number | undefined {
  const d = typeof gps.GPSDateStamp === 'string' ? /^(\d{4})[:-](\d{2})[:-](\d{2})/.exec(gps.GPSDateStamp.trim()) : null;
  const t = gps.GPSTimeStamp;
  if (!d || !Array.isArray(t) || t.length < 3) return undefined;
  const [h, m, s] = t.map(Number);
  if (![h, m, s].every((x) => Number.isFinite(x) && x >= 0) || h > 23 || m > 59 || s >= 61) return undefined;
  const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), 0, 0, 0) + Math.round((h * 3600 + m * 60 + s) * 1000);
  return Number(d[1]) >= 1990 ? ms : undefined;
}

/**
 * The offset implied by a GPS fix next to a local capture time: (local − UTC), kept only when it is within ±14 h
 * and within 5 minutes of a quarter hour (zones are whole quarter hours; a fix may lag the shutter by seconds).
 */
export function offsetFromGps(local: WallClock, gpsMs: number): number | undefined {
  const diffMin = (local.wallMs - gpsMs) / 60_000;
  if (Math.abs(diffMin) > 14 * 60 + 5) return undefined;
  const q = Math.round(diffMin / 15) * 15;
  return Math.abs(diffMin - q) <= 5 ? q : undefined;
}
