import type { MessageTable } from '../../messages/types';

/** Messages of the JPEG-structure detector: its signals and the reasons for not judging. */
export const jpegMessages: MessageTable = {
  en: {
    'jpeg.double-compression': 'The JPEG was decoded and saved again (double compression{where}).',
    'jpeg.double-compression.local': '; the {area} area was compressed only once, as a pasted or regenerated region would be',
    'jpeg.software-encoder': 'The quantisation tables are those of {encoder} at quality {quality}, not of a camera.',
    'jpeg.software-encoder.camera': 'The EXIF names a camera ({camera}), but the quantisation tables are those of {encoder} at quality {quality}: the photo was saved again by software.',
    'jpeg.thumbnail-encoder-mismatch': 'The embedded thumbnail was written by {thumbnail} but the main image by {main}: the main image was saved again after the thumbnail was made.',
    'jpeg.progressive-camera': 'The EXIF names a camera ({camera}), but the image is progressive JPEG, which cameras do not write: it was re-encoded.',
    'jpeg.trailing-data': '{bytes} bytes of data follow the end of the JPEG image.',
    'jpeg.reason.not-jpeg': 'the image is {format}, not JPEG, so there is no JPEG structure to examine',
    'jpeg.reason.no-tables': 'the JPEG has no usable frame header or quantisation tables (truncated or malformed stream)',
  },
  'zh-CN': {
    'jpeg.double-compression': '该 JPEG 被解码后再次保存过（二次压缩{where}）。',
    'jpeg.double-compression.local': '；其中{area}区域只压缩过一次，与后期粘贴或重新生成的区域特征相符',
    'jpeg.software-encoder': '量化表属于 {encoder}（质量 {quality}），而不是相机。',
    'jpeg.software-encoder.camera': 'EXIF 标明拍摄设备为 {camera}，但量化表属于 {encoder}（质量 {quality}），说明照片经软件重新保存过。',
    'jpeg.thumbnail-encoder-mismatch': '内嵌缩略图由 {thumbnail} 写入，而主图由 {main} 写入：主图是在生成缩略图之后重新保存的。',
    'jpeg.progressive-camera': 'EXIF 标明拍摄设备为 {camera}，但图像是渐进式 JPEG，相机不会直接输出这种格式，说明经过了重新编码。',
    'jpeg.trailing-data': 'JPEG 图像结束标记之后还附带了 {bytes} 字节的数据。',
    'jpeg.reason.not-jpeg': '图像格式为 {format}，不是 JPEG，没有可检查的 JPEG 结构',
    'jpeg.reason.no-tables': '该 JPEG 缺少可用的帧头或量化表（数据流被截断或已损坏）',
  },
};
