/**
 * Software strings found in Software (0x0131), ProcessingSoftware (0x000B), XMP CreatorTool, XMP History
 * softwareAgent, IPTC OriginatingProgram and PNG 'Software' text. Two tables: programs that edit or re-save
 * images (flagged) and camera firmware / phone OS / vendor camera-app strings (never flagged).
 *
 * Patterns are matched case-insensitively against the whole value. The not-editor table is consulted first so
 * that a firmware string that happens to contain an editor's name is never flagged.
 */

/** What an editing program does to the evidence, which sets its starting weight. */
export type EditorKind =
  /** Pixel editor (retouching, compositing, filters). */
  | 'editor'
  /** App whose main job is AI enhancement, face or object regeneration. */
  | 'ai-editor'
  /** Beauty / filter app popular with buyers in China (retouching is its purpose). */
  | 'beauty'
  /** Raw developer, photo organiser or metadata tool: re-saved, not necessarily retouched. */
  | 'organizer'
  /** Generic converter or imaging library: re-encoded by a program, no camera output. */
  | 'converter';

/** One editing program. */
export interface EditorRow {
  /** Stable id (unique). */
  readonly id: string;
  /** Name shown to reviewers. */
  readonly name: string;
  readonly kind: EditorKind;
  /** Matched against the tag value. */
  readonly pattern: RegExp;
  /** Where the string was seen: vendor page, documentation or a corpus file. */
  readonly source: string;
}

/** Starting log-odds per kind (calibration is a later issue). */
export const EDITOR_WEIGHTS: Readonly<Record<EditorKind, number>> = {
  'ai-editor': 1.6,
  editor: 1.2,
  beauty: 1.2,
  organizer: 0.8,
  converter: 0.5,
};

/** Programs that edit or re-save images. */
export const EDITORS: readonly EditorRow[] = [
  { id: 'photoshop-lightroom', name: 'Adobe Photoshop Lightroom', kind: 'organizer', pattern: /lightroom/i, source: "shared/corpus camera/exifr__Nikon_D700_lightroom.jpg Software='Adobe Photoshop Lightroom 6.9 (Windows)'; camera/mei__Canon_EOS_7D.jpg" },
  { id: 'photoshop-camera-raw', name: 'Adobe Camera Raw', kind: 'organizer', pattern: /camera raw/i, source: 'https://helpx.adobe.com/camera-raw/using/introduction-camera-raw.html (writes CreatorTool "Adobe Photoshop Camera Raw")' },
  { id: 'photoshop-express', name: 'Adobe Photoshop Express', kind: 'editor', pattern: /photoshop express/i, source: 'https://www.adobe.com/products/photoshop-express.html' },
  { id: 'photoshop', name: 'Adobe Photoshop', kind: 'editor', pattern: /photoshop/i, source: "https://helpx.adobe.com/photoshop (CreatorTool 'Adobe Photoshop 25.0 (Windows)'); XMP History softwareAgent in Photoshop saves" },
  { id: 'adobe-bridge', name: 'Adobe Bridge', kind: 'organizer', pattern: /adobe bridge/i, source: "shared/corpus camera/mei__Nikon_D5000.jpg Software='Adobe Bridge CS5'" },
  { id: 'adobe-firefly', name: 'Adobe Firefly', kind: 'ai-editor', pattern: /firefly/i, source: 'https://www.adobe.com/products/firefly.html' },
  { id: 'adobe-express', name: 'Adobe Express', kind: 'editor', pattern: /adobe express/i, source: 'https://www.adobe.com/express/' },
  { id: 'acdsee', name: 'ACDSee (ACD Systems)', kind: 'editor', pattern: /acd ?systems|acdsee/i, source: "shared/corpus camera/mei__Photoshop_1.jpg Software='ACD Systems Digital Imaging'" },
  { id: 'gimp', name: 'GIMP', kind: 'editor', pattern: /\bgimp\b/i, source: "https://www.gimp.org (writes Software 'GIMP 2.10.34' and XMP CreatorTool)" },
  { id: 'affinity', name: 'Affinity Photo', kind: 'editor', pattern: /affinity/i, source: 'https://affinity.serif.com/photo/' },
  { id: 'pixelmator', name: 'Pixelmator', kind: 'editor', pattern: /pixelmator/i, source: 'https://www.pixelmator.com/pro/' },
  { id: 'paint-net', name: 'Paint.NET', kind: 'editor', pattern: /paint\.net/i, source: 'https://www.getpaint.net' },
  { id: 'corel', name: 'Corel PaintShop / PHOTO-PAINT', kind: 'editor', pattern: /paint ?shop|photo-paint|corel/i, source: 'https://www.paintshoppro.com' },
  { id: 'capture-one', name: 'Capture One', kind: 'organizer', pattern: /capture one/i, source: 'https://www.captureone.com' },
  { id: 'darktable', name: 'darktable', kind: 'organizer', pattern: /darktable/i, source: 'https://www.darktable.org (writes Software and XMP darktable:* history)' },
  { id: 'rawtherapee', name: 'RawTherapee', kind: 'organizer', pattern: /rawtherapee/i, source: 'https://rawtherapee.com' },
  { id: 'luminar', name: 'Luminar', kind: 'ai-editor', pattern: /luminar/i, source: 'https://skylum.com/luminar' },
  { id: 'snapseed', name: 'Snapseed', kind: 'editor', pattern: /snapseed/i, source: 'https://play.google.com/store/apps/details?id=com.niksoftware.snapseed' },
  { id: 'picsart', name: 'PicsArt', kind: 'editor', pattern: /picsart/i, source: 'https://picsart.com' },
  { id: 'canva', name: 'Canva', kind: 'editor', pattern: /\bcanva\b/i, source: 'https://www.canva.com' },
  { id: 'fotor', name: 'Fotor', kind: 'editor', pattern: /\bfotor\b/i, source: 'https://www.fotor.com' },
  { id: 'vsco', name: 'VSCO', kind: 'editor', pattern: /\bvsco\b/i, source: 'https://www.vsco.co' },
  { id: 'facetune', name: 'Facetune', kind: 'beauty', pattern: /facetune/i, source: 'https://www.facetuneapp.com' },
  { id: 'remini', name: 'Remini', kind: 'ai-editor', pattern: /remini/i, source: 'https://remini.ai' },
  { id: 'faceapp', name: 'FaceApp', kind: 'ai-editor', pattern: /faceapp/i, source: 'https://www.faceapp.com' },
  { id: 'lensa', name: 'Lensa', kind: 'ai-editor', pattern: /\blensa\b/i, source: 'https://prisma-ai.com/lensa' },
  { id: 'picwish', name: 'PicWish (佐糖)', kind: 'ai-editor', pattern: /picwish|佐糖/i, source: 'https://picwish.com' },
  { id: 'meitu', name: 'Meitu 美图秀秀', kind: 'beauty', pattern: /美图秀秀|meitu ?xiuxiu|\bmeitu\b(?! ?m\d)|mtxx/i, source: 'https://xiuxiu.meitu.com (美图秀秀); app id com.mt.mtxx.mtxx' },
  { id: 'meiyan', name: 'BeautyCam 美颜相机', kind: 'beauty', pattern: /美颜相机|beautycam|meiyan/i, source: 'https://meiyan.meitu.com (美颜相机)' },
  { id: 'wink', name: 'Wink (Meitu)', kind: 'ai-editor', pattern: /^wink\b/i, source: 'https://wink.meitu.com' },
  { id: 'hypic', name: 'Hypic 醒图', kind: 'beauty', pattern: /醒图|hypic|xingtu/i, source: 'https://www.xingtu.cn (醒图, ByteDance); international name Hypic' },
  { id: 'qingyan', name: 'Faceu 轻颜', kind: 'beauty', pattern: /轻颜|faceu|qingyan/i, source: 'https://www.faceu.com (轻颜相机, ByteDance)' },
  { id: 'huangyou', name: 'Huangyou 黄油相机', kind: 'beauty', pattern: /黄油相机|huangyou|butter ?camera/i, source: 'https://www.huangyouxiangji.com (黄油相机)' },
  { id: 'capcut', name: 'CapCut 剪映', kind: 'editor', pattern: /剪映|capcut|jianying/i, source: 'https://www.capcut.cn (剪映, ByteDance); international name CapCut' },
  { id: 'canva-cn', name: 'Canva 可画', kind: 'editor', pattern: /可画/i, source: 'https://www.canva.cn (可画, Canva China)' },
  { id: 'tiantian-ptu', name: 'Tiantian P-tu 天天P图', kind: 'beauty', pattern: /天天p图|\bp-?tu\b/i, source: 'https://tu.qq.com (天天P图, Tencent)' },
  { id: 'b612', name: 'B612 咔叽', kind: 'beauty', pattern: /\bb612\b|咔叽/i, source: 'https://b612.snow.me' },
  { id: 'snow', name: 'SNOW', kind: 'beauty', pattern: /^snow\b/i, source: 'https://snow.me' },
  { id: 'ulike', name: 'Ulike 无他相机', kind: 'beauty', pattern: /无他相机|ulike/i, source: 'https://www.wuta-cam.com (无他相机)' },
  { id: 'youcam', name: 'YouCam Perfect', kind: 'beauty', pattern: /youcam/i, source: 'https://www.perfectcorp.com/consumer/apps/ycp' },
  { id: 'airbrush', name: 'AirBrush', kind: 'beauty', pattern: /airbrush/i, source: 'https://airbrush.com' },
  { id: 'polarr', name: 'Polarr 泼辣修图', kind: 'editor', pattern: /polarr|泼辣修图/i, source: 'https://www.polarr.com' },
  { id: 'lightroom-mobile', name: 'Lightroom mobile', kind: 'editor', pattern: /lr mobile|lightroom mobile/i, source: 'https://www.adobe.com/products/photoshop-lightroom/mobile.html' },
  { id: 'google-photos', name: 'Google Photos editor', kind: 'editor', pattern: /google photos|picasa/i, source: "https://support.google.com/photos/answer/6128850 (edited copies carry Software 'Picasa' or 'Google Photos')" },
  { id: 'windows-photos', name: 'Microsoft Photos', kind: 'organizer', pattern: /microsoft windows photo|windows photo editor|microsoft photos/i, source: "Windows Photo Viewer / Photos writes Software 'Microsoft Windows Photo Viewer 6.1.7600.16385'" },
  { id: 'paint', name: 'Microsoft Paint', kind: 'editor', pattern: /^(ms |microsoft )?paint\b/i, source: 'https://apps.microsoft.com/detail/9pcfs5b6t72h (Paint)' },
  { id: 'xnview', name: 'XnView', kind: 'organizer', pattern: /xnview/i, source: 'https://www.xnview.com' },
  { id: 'irfanview', name: 'IrfanView', kind: 'organizer', pattern: /irfanview/i, source: 'https://www.irfanview.com' },
  { id: 'photoscape', name: 'PhotoScape', kind: 'editor', pattern: /photoscape/i, source: 'http://www.photoscape.org' },
  { id: 'photopea', name: 'Photopea', kind: 'editor', pattern: /photopea/i, source: 'https://www.photopea.com' },
  { id: 'imagemagick', name: 'ImageMagick', kind: 'converter', pattern: /imagemagick|graphicsmagick/i, source: 'https://imagemagick.org (PNG text and XMP CreatorTool)' },
  { id: 'libvips', name: 'libvips / sharp', kind: 'converter', pattern: /libvips|\bvips\b/i, source: 'https://www.libvips.org' },
  { id: 'pil', name: 'Python Pillow', kind: 'converter', pattern: /\bpil\b|pillow/i, source: 'https://pillow.readthedocs.io' },
  { id: 'ffmpeg', name: 'FFmpeg (Lavc)', kind: 'converter', pattern: /^lavc|ffmpeg/i, source: "https://ffmpeg.org (JPEG comment / Software 'Lavc60.3.100')" },
];

/** A string known not to be an editor: firmware, phone OS, vendor camera app. */
export interface NotEditorRow {
  readonly id: string;
  /**
   * Vendor whose devices write it (lower-case text found in Make), or null when the pattern is too generic to
   * attribute (bare version numbers are written by many brands).
   */
  readonly vendor: string | null;
  readonly pattern: RegExp;
  readonly source: string;
}

/**
 * Camera firmware, phone OS versions and vendor camera apps. These are NOT editors and are never flagged; the
 * vendor lets the camera rule notice a Software string from one brand under another brand's Make.
 */
export const NOT_EDITORS: readonly NotEditorRow[] = [
  { id: 'ios-version', vendor: null, pattern: /^\d{1,2}(\.\d{1,2}){0,2}$/, source: "shared/corpus camera/mei__Apple_iPhone_4.jpg Software='4.1'; exifr__Apple_iPhone_7.heic '13.1.2' (iOS writes its version)" },
  { id: 'google-hdrplus', vendor: 'google', pattern: /^hdr\+ ?\d/i, source: "shared/corpus camera/exifr__Google_Pixel_IMG_20180725_163423-tiny.jpg Software='HDR+ 1.0.199571065z'" },
  { id: 'pixel-build', vendor: 'google', pattern: /^(pixel|google) .*build|^[a-z]{2}\d[a-z]\.\d{6}\.\d{3}/i, source: 'Pixel builds such as AP2A.240805.005 (https://developers.google.com/android/images)' },
  { id: 'samsung-build', vendor: null, pattern: /^[A-Z]\d{3,4}[A-Z0-9]{6,12}$/, source: "shared/corpus camera/mei__Samsung_GT-I9505_Galaxy_S4.jpg 'I9505XXUGNG8'; mei__Samsung_SM-J327T1.jpg 'J327T1UVS4ASH2'" },
  { id: 'samsung-fw', vendor: 'samsung', pattern: /^fw \d+\.\d+ prm/i, source: "shared/corpus camera/mei__Samsung_GT-I9000_Galaxy_S.jpg 'fw 05.15 prm 07.53'" },
  { id: 'sony-ericsson', vendor: 'sony ericsson', pattern: /prg\d{4}-\d{4}/i, source: "shared/corpus camera/mei__Sony_Ericsson_U10i.jpg 'R1CA008 prg1223-3004_GENERIC_RA…'" },
  { id: 'fujifilm-fw', vendor: 'fujifilm', pattern: /^digital camera finepix/i, source: "shared/corpus camera/mei__FujiFilm_FinePixS5500.jpg 'Digital Camera FinePix S5500 Ver1.00'" },
  { id: 'pentax-fw', vendor: 'pentax', pattern: /^\*?ist .*ver|^pentax/i, source: "shared/corpus camera/mei__Pentax_ist_D.jpg '*ist D      Ver 1.10'" },
  { id: 'nikon-coolpix-fw', vendor: 'nikon', pattern: /^E\d{3,4}v\d/i, source: "shared/corpus camera/mei__Nikon_Coolpix_775.jpg 'E775v1.1u'" },
  { id: 'nikon-fw', vendor: null, pattern: /^ver\.\d+\.\d+/i, source: "shared/corpus camera/mei__Nikon_D1X.jpg 'Ver.5.01'" },
  { id: 'minolta-fw', vendor: null, pattern: /^V\d{3}-\d{2}$/, source: "shared/corpus camera/mei__Minolta_DiMAGE_X.jpg 'V100-02'" },
  { id: 'olympus-fw', vendor: null, pattern: /^version \d+\.\d+$/i, source: "shared/corpus camera/mei__Olympus_PEN_E-P3.jpg 'Version 1.3'" },
  { id: 'generic-fw-version', vendor: null, pattern: /^(ver\.? ?)?v?\d+(\.\d+){1,3}[a-z]?$/i, source: "shared/corpus camera/mei__Casio_EX-S1.jpg '1.00'; mei__Panasonic_DMC-LC40.jpg 'Ver.1.0' (bare firmware versions)" },
  { id: 'canon-fw', vendor: 'canon', pattern: /^firmware version|^canon (eos|powershot|ixus).*firmware/i, source: "Canon EOS bodies write 'Firmware Version 1.0.3' (CIPA DC-008 Software tag usage)" },
  { id: 'huawei-honor', vendor: 'huawei', pattern: /^(huawei|honor) ?camera|^[A-Z]{3}-[A-Z]{2}\d{2} \d/i, source: "Huawei phones write the build, e.g. 'ELE-L29 10.0.0.168(C431E4R1P3)'" },
  { id: 'xiaomi-miui', vendor: null, pattern: /^(miui|hyperos)|^[a-z0-9_-]+-user \d+/i, source: "Xiaomi phones write e.g. 'umi-user 10 QKQ1.191117.002 V12.0.6.0.QJBMIXM release-keys'" },
  { id: 'android-build', vendor: null, pattern: /-user \d+(\.\d+)* [A-Z0-9.]+ .*release-keys$/i, source: 'Android build fingerprints in Software on several vendors (https://source.android.com/docs/setup/reference/build-numbers)' },
  { id: 'vendor-camera-app', vendor: null, pattern: /^(samsung|xiaomi|huawei|oppo|vivo|oneplus|honor|google|apple|motorola|nokia|sony)?\s*camera( app)?\b/i, source: "Vendor camera apps (e.g. 'Samsung Camera', 'Camera') write their own name" },
  { id: 'meitu-phone', vendor: 'meitu', pattern: /^meitu ?m\d/i, source: 'Meitu phones (Make=Meitu, Model M6/M8) are cameras, not the 美图秀秀 editor' },
];
