/** The metadata detector's descriptor: codes, messages and the starting weights of its rules. */
import { defineDetector, type WeightEntry } from '../descriptor';
import type { SignalSpec } from '../signal';
import { metadataMessages } from './messages';

/**
 * The `metadata` detector: EXIF/XMP/IPTC evidence. Editing-program weights are per program kind in
 * data/editors.ts (EDITOR_WEIGHTS). `contradictsCamera` marks the rules whose finding withdraws
 * `metadata.camera-consistent` (an explicit property of the rule; v0.1 used `weight >= 0.5`, which this reproduces).
 */
export const metadataDescriptor = defineDetector({
  name: 'metadata',
  codes: [
    'metadata.editor-software', 'metadata.edit-history', 'metadata.captured-before-delivery', 'metadata.date-inconsistent',
    'metadata.thumbnail-mismatch', 'metadata.screenshot', 'metadata.camera-consistent', 'metadata.no-camera-metadata',
    'metadata.camera-inconsistent', 'metadata.converted', 'metadata.dimension-mismatch', 'metadata.orientation-invalid',
  ],
  messages: metadataMessages,
  artifacts: {},
  weights: {
    noCameraMetadata: { weight: 0.3, reason: 'platforms and chat apps strip metadata: a hint' },
    cameraInconsistent: { weight: 0.8, reason: "one brand's firmware under another brand's Make: metadata transplanted from another file", contradictsCamera: true },
    converted: { weight: 0.5, reason: 'camera EXIF in a format cameras do not write (PNG, WebP, AVIF, GIF)', contradictsCamera: true },
    cameraConsistent: { weight: -0.4, reason: 'weak authenticity: EXIF is trivially copied' },
    capturedBeforeDelivery: { weight: 2.0, reason: 'a photo of damage taken before the goods arrived', contradictsCamera: true },
    dateInconsistentClaim: { weight: 1.0, reason: 'a capture date after the claim was filed', contradictsCamera: true },
    dateInconsistentInternal: { weight: 0.6, reason: 'capture, modify and GPS dates contradict each other', contradictsCamera: true },
    resized: { weight: 0.2, reason: 'resizing is what every platform does' },
    cropped: { weight: 0.5, reason: 'a crop changes what the photo shows', contradictsCamera: true },
    rotated: { weight: 0.2, reason: 'a rotation after capture' },
    orientationInvalid: { weight: 0.3, reason: 'an Orientation value outside 1–8' },
    screenshotMarker: { weight: 1.5, reason: 'an explicit screenshot marker (UserComment, XMP, screenshot software)', contradictsCamera: true },
    screenshotTallPng: { weight: 1.2, reason: 'a tall phone-panel size no camera produces, as PNG', contradictsCamera: true },
    screenshotTallJpeg: { weight: 0.8, reason: 'a tall phone-panel size as JPEG (platforms re-save photos as JPEG)', contradictsCamera: true },
    screenshotPng: { weight: 0.7, reason: 'an exact screen size, as PNG', contradictsCamera: true },
    screenshotJpeg: { weight: 0.4, reason: 'an exact screen size, as JPEG' },
    thumbnailMismatch: { weight: 1.5, reason: 'the EXIF thumbnail, aligned at its own scale, still shows the picture before a local change (or other content)', contradictsCamera: true },
    historyStrong: { weight: 1.0, reason: 'XMP records a save, conversion or derivation after capture', contradictsCamera: true },
    historySoft: { weight: 0.5, reason: 'softer clues only (editor namespaces, Photoshop resources, ModifyDate well after capture)', contradictsCamera: true },
    historyPerClue: { weight: 0.1, reason: 'added per further clue' },
    historyMax: { weight: 1.4, reason: 'cap of the edit-history weight' },
  },
});


/** A metadata signal code. */
export type MetadataCode = (typeof metadataDescriptor.codes)[number];

/** What a metadata rule states: a signal spec plus whether it contradicts the camera story. */
export interface MetadataSpec extends SignalSpec<MetadataCode> {
  contradictsCamera: boolean;
}

/** The named weight of a rule and whether it contradicts the camera story. */
export function ruleWeight(key: keyof typeof metadataDescriptor.weights): { weight: number; contradictsCamera: boolean } {
  const e: WeightEntry & { contradictsCamera?: boolean } = metadataDescriptor.weights[key];
  return { weight: e.weight, contradictsCamera: e.contradictsCamera === true };
}
