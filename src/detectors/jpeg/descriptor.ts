/** The jpeg detector's descriptor: codes, messages and starting weights. */
import { defineDetector } from '../descriptor';
import { jpegMessages } from './messages';

/** The `jpeg` detector: quantisation tables, encoder, structure and double compression. */
export const jpegDescriptor = defineDetector({
  name: 'jpeg',
  codes: ['jpeg.double-compression', 'jpeg.software-encoder', 'jpeg.thumbnail-encoder-mismatch', 'jpeg.progressive-camera', 'jpeg.trailing-data'],
  messages: jpegMessages,
  artifacts: {},
  weights: {
    softwareAlone: { weight: 0.4, reason: 'upload pipelines and messengers re-encode every photo with libjpeg tables: weak alone' },
    softwareWithCamera: { weight: 1.0, reason: 'camera EXIF claims an original, the tables say software saved it again' },
    thumbnailMismatch: { weight: 0.8, reason: 'a camera-written thumbnail next to a software-written main image (one direction only: phones write libjpeg thumbnails)' },
    progressiveCamera: { weight: 0.6, reason: 'cameras do not write progressive JPEG; re-encoders often do' },
    trailing: { weight: 0.2, reason: 'data after EOI: phones append depth maps, so only a hint' },
    doubleAlone: { weight: 0.6, reason: 'double compression without camera EXIF: every platform re-save does this' },
    doubleWithCamera: { weight: 1.2, reason: 'double compression of a file that claims to be a camera original' },
    doubleLocal: { weight: 1.6, reason: 'a once-compressed patch inside a twice-compressed photo: a pasted or regenerated region (jpeg-set, docs/jpeg.md)' },
  },
});
