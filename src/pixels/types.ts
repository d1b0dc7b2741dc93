/** Pixel buffers shared by the loader, the kernels and the detectors (a leaf module: no imports). */

/** Decoded pixels: interleaved 8-bit RGB, row-major, no padding. */
export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3;
}

/** 8-bit luminance plane (ITU-R BT.601 weights), row-major. */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}
