import { ruleWeight, type MetadataSpec } from '../descriptor';
import type { ContextDate, NormalizedContext } from '../../../contract';
import { gpsInstant, MAX_OFFSET_MS, offsetFromGps, parseOffset, parseWallClock, toInstant, type Instant, type WallClock } from '../dates';
import type { MetadataFacts } from '../facts';
import { roundTo } from '../../../pixels/stats';

/**
 * Camera clocks drift and are often left on the wrong daylight-saving setting: one hour of slack on top of the zone
 * uncertainty before a date comparison counts.
 */
export const CLOCK_SLACK_MS = 3_600_000;

/** Internal date disagreements smaller than this are ordinary (time zone left unset, import delays). */
const INTERNAL_TOLERANCE_MS = 24 * 3_600_000;

/** The capture time and how sure its zone is. */
export interface Capture {
  wall: WallClock;
  tag: string;
  instant: Instant;
}

/**
 * The capture instant: DateTimeOriginal (else EXIF CreateDate, else XMP photoshop:DateCreated / xmp:CreateDate),
 * zone from the value itself, OffsetTimeOriginal/OffsetTime, the GPS fix, the claim context, in that order; with no
 * zone at all the instant is an interval of ±14 h.
 */
export function captureInstant(f: MetadataFacts, ctx: NormalizedContext): Capture | undefined {
  const candidates: [string, unknown][] = [
    ['DateTimeOriginal', f.exif.DateTimeOriginal],
    ['CreateDate', f.exif.CreateDate],
    ['photoshop:DateCreated', f.xmp.dateCreated],
    ['xmp:CreateDate', f.xmp.createDate],
  ];
  for (const [tag, v] of candidates) {
    const wall = parseWallClock(v);
    if (!wall) continue;
    if (wall.offsetMinutes !== undefined) return { wall, tag, instant: toInstant(wall, wall.offsetMinutes, 'offset-tag') };
    const tagOffset = parseOffset(typeof f.exif.OffsetTimeOriginal === 'string' ? f.exif.OffsetTimeOriginal : typeof f.exif.OffsetTime === 'string' ? f.exif.OffsetTime : undefined);
    if (tagOffset !== undefined && tag !== 'xmp:CreateDate') return { wall, tag, instant: toInstant(wall, tagOffset, 'offset-tag') };
    const gps = gpsInstant(f.gps);
    const gpsOffset = gps === undefined ? undefined : offsetFromGps(wall, gps);
    if (gpsOffset !== undefined) return { wall, tag, instant: toInstant(wall, gpsOffset, 'gps') };
    if (ctx.timezoneOffsetMinutes !== undefined) return { wall, tag, instant: toInstant(wall, ctx.timezoneOffsetMinutes, 'context') };
    return { wall, tag, instant: toInstant(wall, undefined, 'unknown') };
  }
  return undefined;
}

/** A context date without an offset is itself known only to ±14 h. */
function refMargin(d: ContextDate): number {
  return d.hasOffset ? 0 : MAX_OFFSET_MS;
}

function fmtCapture(c: Capture): string {
  if (c.instant.offsetMinutes === undefined) return c.wall.text;
  const o = c.instant.offsetMinutes;
  const sign = o < 0 ? '-' : '+';
  const a = Math.abs(o);
  return `${c.wall.text} (UTC${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')})`;
}

/**
 * Rule 3, dates: a capture time before delivery (or the order when no delivery date is given) →
 * `metadata.captured-before-delivery` (strong); a capture after the claim, or capture/modify/GPS dates that contradict
 * each other → `metadata.date-inconsistent`. No usable date → nothing.
 */
export function datesRule(f: MetadataFacts, ctx: NormalizedContext): MetadataSpec[] {
  const out: MetadataSpec[] = [];
  const cap = captureInstant(f, ctx);
  const zoneDetails = (c: Capture): Record<string, unknown> => ({
    tag: c.tag,
    value: c.wall.text,
    zone: c.instant.zone,
    ...(c.instant.offsetMinutes !== undefined ? { offsetMinutes: c.instant.offsetMinutes } : {}),
    earliest: new Date(c.instant.earliest).toISOString(),
    latest: new Date(c.instant.latest).toISOString(),
  });
  if (cap) {
    const ref = ctx.deliveredAt ? { d: ctx.deliveredAt, event: 'delivered' } : ctx.orderedAt ? { d: ctx.orderedAt, event: 'ordered' } : undefined;
    if (ref && cap.instant.latest + CLOCK_SLACK_MS < ref.d.ms - refMargin(ref.d)) {
      const days = (ref.d.ms - cap.instant.latest) / 86_400_000;
      out.push({
        code: 'metadata.captured-before-delivery',
        ...ruleWeight('capturedBeforeDelivery'),
        params: { captured: fmtCapture(cap), event: ref.event, reference: ref.d.input },
        details: { ...zoneDetails(cap), reference: ref.event, referenceDate: ref.d.input, atLeastDaysBefore: roundTo(days, 1) },
      });
    }
  }
  const evidence: string[] = [];
  let againstClaim = false;
  const claimed = ctx.claimedAt;
  if (cap && claimed && cap.instant.earliest - CLOCK_SLACK_MS > claimed.ms + refMargin(claimed)) {
    evidence.push(`${cap.tag} ${cap.wall.text} > claimedAt ${claimed.input}`);
    againstClaim = true;
  }
  const dto = parseWallClock(f.exif.DateTimeOriginal);
  const created = parseWallClock(f.exif.CreateDate);
  const mod = parseWallClock(f.ifd0.ModifyDate);
  if (dto && mod && dto.wallMs - mod.wallMs > INTERNAL_TOLERANCE_MS) evidence.push(`ModifyDate ${mod.text} < DateTimeOriginal ${dto.text}`);
  if (dto && created && Math.abs(dto.wallMs - created.wallMs) > INTERNAL_TOLERANCE_MS) evidence.push(`CreateDate ${created.text} ≠ DateTimeOriginal ${dto.text}`);
  const gps = gpsInstant(f.gps);
  if (dto && gps !== undefined) {
    // Wall clock vs UTC may legitimately differ by up to 14 h; beyond that plus a day they describe different moments.
    if (Math.abs(dto.wallMs - gps) > MAX_OFFSET_MS + INTERNAL_TOLERANCE_MS) evidence.push(`GPS ${new Date(gps).toISOString()} ≠ DateTimeOriginal ${dto.text}`);
  }
  const xmpCreate = parseWallClock(f.xmp.createDate ?? f.xmp.dateCreated);
  if (dto && xmpCreate && Math.abs(dto.wallMs - xmpCreate.wallMs) > MAX_OFFSET_MS + INTERNAL_TOLERANCE_MS) evidence.push(`xmp:CreateDate ${xmpCreate.text} ≠ DateTimeOriginal ${dto.text}`);
  if (evidence.length) {
    out.push({
      code: 'metadata.date-inconsistent',
      ...ruleWeight(againstClaim ? 'dateInconsistentClaim' : 'dateInconsistentInternal'),
      params: { evidence: evidence.slice(0, 3).join('; ') },
      details: { evidence, ...(cap ? { capture: zoneDetails(cap) } : {}), ...(claimed ? { claimedAt: claimed.input } : {}) },
    });
  }
  return out;
}
