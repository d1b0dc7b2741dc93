/** The container structure of any supported format, walked once by the loader and shared by every detector. */
import type { ImageFormat } from '../primitives';
import type { JpegStructure } from './jpeg';
import type { PngStructure } from './png';
import type { WebpStructure } from './webp';

/** The container structure walked once and shared by every detector. */
export type ContainerStructure = JpegStructure | PngStructure | WebpStructure | { format: Exclude<ImageFormat, 'jpeg' | 'png' | 'webp'> };
