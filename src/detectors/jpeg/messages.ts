import type { MessageTable } from '../../messages/types';

/** Messages of the JPEG-structure detector. */
export const jpegMessages: MessageTable = {
  en: {
    'jpeg.double-compression': 'The JPEG was decoded and saved again (double compression{where}).',
    'jpeg.software-encoder': 'The quantisation tables are those of {encoder} at quality {quality}, not of a camera.',
  },
  'zh-CN': {
    'jpeg.double-compression': '该 JPEG 被解码后再次保存过（二次压缩{where}）。',
    'jpeg.software-encoder': '量化表属于 {encoder}（质量 {quality}），而不是相机。',
  },
};
