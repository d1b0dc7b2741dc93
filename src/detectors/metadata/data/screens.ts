/**
 * Native screen resolutions (portrait width × height, physical pixels) of common phones and desktop displays.
 * A screenshot has exactly the screen's pixel size; camera sensors produce 4:3, 3:2 or 16:9 frames at other sizes,
 * so an exact match (in either orientation) without camera EXIF points to a screenshot.
 */

/** One screen resolution. */
export interface ScreenRow {
  /** Stable id (unique). */
  readonly id: string;
  /** Short width (portrait) in pixels. */
  readonly width: number;
  /** Long height (portrait) in pixels. */
  readonly height: number;
  /** Devices with this native resolution. */
  readonly devices: string;
  readonly kind: 'phone' | 'tablet' | 'desktop';
  /** Vendor specification page. */
  readonly source: string;
}

/** The table. Phone rows are the tall (≥ 2:1) panels that no camera sensor produces. */
export const SCREENS: readonly ScreenRow[] = [
  { id: 'iphone-6-8', width: 750, height: 1334, devices: 'iPhone 6/6s/7/8/SE (2nd, 3rd gen)', kind: 'phone', source: 'https://support.apple.com/kb/SP767 (iPhone SE 3rd gen tech specs: 1334×750)' },
  { id: 'iphone-plus', width: 1080, height: 1920, devices: 'iPhone 6 Plus–8 Plus, 1080p Android phones, Full HD monitors', kind: 'phone', source: 'https://support.apple.com/kb/SP768 (iPhone 8 Plus: 1920×1080); https://www.dell.com/en-us/shop/dell-24-monitor-p2422h/apd/210-azyx/monitors (1920×1080)' },
  { id: 'iphone-x-xs-11pro', width: 1125, height: 2436, devices: 'iPhone X, XS, 11 Pro', kind: 'phone', source: 'https://support.apple.com/kb/SP770 (iPhone X: 2436×1125)' },
  { id: 'iphone-xr-11', width: 828, height: 1792, devices: 'iPhone XR, 11', kind: 'phone', source: 'https://support.apple.com/kb/SP781 (iPhone XR: 1792×828)' },
  { id: 'iphone-xsmax-11promax', width: 1242, height: 2688, devices: 'iPhone XS Max, 11 Pro Max', kind: 'phone', source: 'https://support.apple.com/kb/SP780 (iPhone XS Max: 2688×1242)' },
  { id: 'iphone-12-14', width: 1170, height: 2532, devices: 'iPhone 12, 12 Pro, 13, 13 Pro, 14', kind: 'phone', source: 'https://support.apple.com/kb/SP830 (iPhone 12: 2532×1170)' },
  { id: 'iphone-12-mini', width: 1080, height: 2340, devices: 'iPhone 12 mini, 13 mini, Galaxy S21–S24, Pixel 7a', kind: 'phone', source: 'https://support.apple.com/kb/SP829 (iPhone 12 mini: 2340×1080); https://www.samsung.com/global/galaxy/galaxy-s24/specs/ (2340×1080)' },
  { id: 'iphone-12promax-14plus', width: 1284, height: 2778, devices: 'iPhone 12 Pro Max, 13 Pro Max, 14 Plus', kind: 'phone', source: 'https://support.apple.com/kb/SP832 (iPhone 12 Pro Max: 2778×1284)' },
  { id: 'iphone-14pro-15-16', width: 1179, height: 2556, devices: 'iPhone 14 Pro, 15, 15 Pro, 16', kind: 'phone', source: 'https://support.apple.com/kb/SP875 (iPhone 14 Pro: 2556×1179)' },
  { id: 'iphone-14promax-15plus', width: 1290, height: 2796, devices: 'iPhone 14 Pro Max, 15 Plus, 15 Pro Max, 16 Plus', kind: 'phone', source: 'https://support.apple.com/kb/SP876 (iPhone 14 Pro Max: 2796×1290)' },
  { id: 'iphone-16pro', width: 1206, height: 2622, devices: 'iPhone 16 Pro, 17', kind: 'phone', source: 'https://www.apple.com/iphone-16-pro/specs/ (2622×1206)' },
  { id: 'iphone-16promax', width: 1320, height: 2868, devices: 'iPhone 16 Pro Max, 17 Pro Max', kind: 'phone', source: 'https://www.apple.com/iphone-16-pro/specs/ (2868×1320)' },
  { id: 'android-fhd-20-9', width: 1080, height: 2400, devices: 'Pixel 6–8, Galaxy A/M series, Redmi Note, Honor, OPPO A, vivo Y', kind: 'phone', source: 'https://www.samsung.com/global/galaxy/galaxy-a54-5g/specs/ (1080×2340 FHD+); https://www.mi.com/global/product/redmi-note-12/specs (2400×1080); https://store.google.com/product/pixel_8_specs (2400×1080)' },
  { id: 'android-fhd-2412', width: 1080, height: 2412, devices: 'Xiaomi 12T Lite, realme, OnePlus Nord', kind: 'phone', source: 'https://www.oneplus.com/global/nord-ce-3-lite-5g/specs (2400×1080); https://www.realme.com/global/realme-11/specs (2412×1080)' },
  { id: 'android-1080x2460', width: 1080, height: 2460, devices: 'Redmi Note 13, POCO X5', kind: 'phone', source: 'https://www.mi.com/global/product/redmi-note-13/specs (2400×1080 / 2460×1080 variants)' },
  { id: 'android-1220x2712', width: 1220, height: 2712, devices: 'Xiaomi 13T, Redmi Note 13 Pro', kind: 'phone', source: 'https://www.mi.com/global/product/xiaomi-13t/specs (2712×1220)' },
  { id: 'android-1260x2800', width: 1260, height: 2800, devices: 'Huawei P60, Honor Magic, vivo X100', kind: 'phone', source: 'https://consumer.huawei.com/en/phones/p60-pro/specs/ (2700×1220); https://www.vivo.com/en/products/param/x100pro (2800×1260)' },
  { id: 'android-1440x3200', width: 1440, height: 3200, devices: 'Galaxy S20–S22 Ultra, Xiaomi 12 Pro', kind: 'phone', source: 'https://www.samsung.com/global/galaxy/galaxy-s22-ultra/specs/ (3088×1440); https://www.mi.com/global/product/xiaomi-12-pro/specs (3200×1440)' },
  { id: 'android-1440x3120', width: 1440, height: 3120, devices: 'Galaxy S24 Ultra, Pixel 8 Pro, OnePlus 12', kind: 'phone', source: 'https://www.samsung.com/global/galaxy/galaxy-s24-ultra/specs/ (3120×1440)' },
  { id: 'android-1440x3088', width: 1440, height: 3088, devices: 'Galaxy S22/S23 Ultra, Note 20 Ultra', kind: 'phone', source: 'https://www.samsung.com/global/galaxy/galaxy-s23-ultra/specs/ (3088×1440)' },
  { id: 'android-720x1600', width: 720, height: 1600, devices: 'Galaxy A0x/A1x, Redmi A, entry phones', kind: 'phone', source: 'https://www.samsung.com/global/galaxy/galaxy-a15/specs/ (1600×720 HD+)' },
  { id: 'ipad-10th', width: 1640, height: 2360, devices: 'iPad 10th gen, iPad Air 4/5', kind: 'tablet', source: 'https://support.apple.com/kb/SP884 (iPad 10th gen: 2360×1640)' },
  { id: 'ipad-pro-11', width: 1668, height: 2388, devices: 'iPad Pro 11-inch', kind: 'tablet', source: 'https://support.apple.com/kb/SP784 (2388×1668)' },
  { id: 'desktop-1366', width: 768, height: 1366, devices: 'HD laptops (1366×768)', kind: 'desktop', source: 'https://www.lenovo.com/us/en/p/laptops/ideapad/ideapad-100/ideapad-1-gen-7-(15-inch-amd)/ (1366×768 option)' },
  { id: 'desktop-1440p', width: 1440, height: 2560, devices: 'QHD monitors (2560×1440)', kind: 'desktop', source: 'https://www.dell.com/en-us/shop/dell-27-monitor-p2723d/apd/210-bdfg/monitors (2560×1440)' },
  { id: 'desktop-1200', width: 1200, height: 1920, devices: 'WUXGA laptops and monitors (1920×1200)', kind: 'desktop', source: 'https://www.dell.com/en-us/shop/dell-24-monitor-p2423/apd/210-bdfr/monitors (1920×1200)' },
  { id: 'macbook-air-13', width: 1664, height: 2560, devices: 'MacBook Air 13-inch (M2/M3)', kind: 'desktop', source: 'https://support.apple.com/kb/SP869 (2560×1664)' },
  { id: 'macbook-pro-14', width: 1964, height: 3024, devices: 'MacBook Pro 14-inch', kind: 'desktop', source: 'https://support.apple.com/kb/SP889 (3024×1964)' },
  { id: 'desktop-4k', width: 2160, height: 3840, devices: '4K UHD monitors (3840×2160)', kind: 'desktop', source: 'https://www.dell.com/en-us/shop/dell-27-4k-uhd-monitor-s2721qs/apd/210-axlg/monitors (3840×2160)' },
];

/** The screen matching a pixel size in either orientation, or undefined. */
export function findScreen(width: number, height: number): ScreenRow | undefined {
  const w = Math.min(width, height);
  const h = Math.max(width, height);
  return SCREENS.find((s) => s.width === w && s.height === h);
}
