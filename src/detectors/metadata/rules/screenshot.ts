import { ruleWeight, type MetadataSpec } from '../descriptor';
import { findScreen } from '../data/screens';
import { str, type MetadataFacts } from '../facts';
import { hasCameraExif } from './camera';
import { softwareTags } from './editor';

/**
 * Screenshot tools and OS markers. Sources: iOS writes XMP exif:UserComment "Screenshot" on screenshots (seen in
 * iOS 11–18 screenshots; https://developer.apple.com/documentation/imageio); GNOME 'gnome-screenshot', KDE
 * 'Spectacle', ShareX, Greenshot, Snipping Tool, Lightshot, Flameshot, Snagit write their names into PNG Software.
 */
const SCREENSHOT_RE = /screen ?shot|screen ?capture|snipping tool|snip & sketch|sharex|greenshot|lightshot|flameshot|spectacle|snagit|截图|截屏|屏幕快照/i;

/**
 * Rule 6, screenshots: an explicit screenshot marker (UserComment, XMP, screenshot software) → strong; otherwise a
 * file at an exact phone/desktop screen resolution with no camera EXIF → `metadata.screenshot` weighted by how
 * specific the size is (tall phone panels no camera produces; PNG more than JPEG, since platforms re-save photos
 * as JPEG but rarely as PNG).
 */
export function screenshotRule(f: MetadataFacts): MetadataSpec[] {
  const markers: { tag: string; value: string }[] = [];
  const uc = str(f.exif, 'UserComment');
  if (uc && SCREENSHOT_RE.test(uc)) markers.push({ tag: 'UserComment', value: uc.slice(0, 120) });
  for (const c of f.xmp.comments) if (SCREENSHOT_RE.test(c)) markers.push({ tag: 'XMP', value: c.slice(0, 120) });
  for (const t of softwareTags(f)) if (SCREENSHOT_RE.test(t.value)) markers.push({ tag: t.tag, value: t.value });
  const camera = hasCameraExif(f);
  const screen = findScreen(f.width, f.height);
  if (markers.length) {
    return [
      {
        code: 'metadata.screenshot',
        ...ruleWeight('screenshotMarker'),
        params: { evidence: `${markers[0].tag} "${markers[0].value}"` },
        details: { markers: markers.slice(0, 8), ...(screen ? { screen: screen.id, devices: screen.devices } : {}) },
      },
    ];
  }
  if (!screen || camera) return [];
  const tall = Math.max(f.width, f.height) / Math.min(f.width, f.height) >= 2;
  const png = f.format === 'png';
  const w = ruleWeight(tall ? (png ? 'screenshotTallPng' : 'screenshotTallJpeg') : png ? 'screenshotPng' : 'screenshotJpeg');
  return [
    {
      code: 'metadata.screenshot',
      ...w,
      params: { evidence: `${f.width}×${f.height} = ${screen.devices}` },
      details: { screen: screen.id, devices: screen.devices, kind: screen.kind, width: f.width, height: f.height, format: f.format, cameraExif: false },
    },
  ];
}
