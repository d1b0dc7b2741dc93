import type { Detector, DetectorResult, Subject } from '../../types';
import { makeSignal } from '../signal';

/** Options of the metadata detector. */
export type MetadataOptions = Record<string, never>;

// Minimal first version (Foundation): a named editing program and absent camera metadata.
const EDITOR_RE = /photoshop|lightroom|gimp|affinity|pixelmator|snapseed|picsart|canva|fotor|meitu|美图|醒图|hypic|capcut|剪映/i;

/**
 * The metadata detector: EXIF/XMP/IPTC evidence of editing, dates and capture device.
 * @example createInspector({ detectors: [detectors.metadata()] })
 */
export function metadata(options: MetadataOptions = {}): Detector {
  void options;
  return {
    name: 'metadata',
    async run(subject: Subject): Promise<DetectorResult> {
      const m = await subject.image.metadata();
      const signals = [];
      const sw = [['Software', m.ifd0.Software], ['CreatorTool', m.xmp.CreatorTool]] as const;
      for (const [tag, v] of sw) {
        if (typeof v === 'string' && EDITOR_RE.test(v)) {
          signals.push(makeSignal('metadata', subject.locale, { code: 'metadata.editor-software', weight: 1.2, strength: 'strong', params: { software: v, tag }, details: { tag, value: v } }));
          break;
        }
      }
      if (!m.ifd0.Make && !m.ifd0.Model && !m.exif.DateTimeOriginal) {
        signals.push(makeSignal('metadata', subject.locale, { code: 'metadata.no-camera-metadata', weight: 0.3, strength: 'hint' }));
      }
      return { signals, details: { errors: m.errors } };
    },
  };
}
