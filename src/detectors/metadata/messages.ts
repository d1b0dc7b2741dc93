import type { MessageTable } from '../../messages/types';

/** Messages of the metadata detector. */
export const metadataMessages: MessageTable = {
  en: {
    'metadata.editor-software': 'The file names an editing program: {software} (in {tag}).',
    'metadata.edit-history': 'The metadata shows the file was saved or derived after capture ({evidence}).',
    'metadata.captured-before-delivery': 'The photo was taken on {captured}, before the goods were {event} on {reference}.',
    'metadata.date-inconsistent': 'The dates in the file contradict each other or the claim ({evidence}).',
    'metadata.thumbnail-mismatch': 'The embedded EXIF thumbnail shows different content from the image ({percent}% differs).',
    'metadata.screenshot': 'The file is a screenshot or screen capture, not a photo of the item ({evidence}).',
    'metadata.camera-consistent': 'Consistent camera metadata: {camera}.',
    'metadata.no-camera-metadata': 'The file carries no camera metadata (stripped or never present).',
    'metadata.reason.no-metadata': 'no metadata could be read',
    'metadata.event.delivered': 'delivered',
    'metadata.event.ordered': 'ordered',
  },
  'zh-CN': {
    'metadata.editor-software': '文件中记录了编辑软件：{software}（位于 {tag}）。',
    'metadata.edit-history': '元数据显示该文件在拍摄后被保存或派生过（{evidence}）。',
    'metadata.captured-before-delivery': '照片拍摄于 {captured}，早于商品{event}时间 {reference}。',
    'metadata.date-inconsistent': '文件中的日期相互矛盾或与申请时间矛盾（{evidence}）。',
    'metadata.thumbnail-mismatch': '内嵌的 EXIF 缩略图与图像内容不一致（{percent}% 不同）。',
    'metadata.screenshot': '该文件是截图或翻拍屏幕，而不是商品照片（{evidence}）。',
    'metadata.camera-consistent': '相机元数据一致：{camera}。',
    'metadata.no-camera-metadata': '文件中没有相机元数据（已被清除或原本就没有）。',
    'metadata.reason.no-metadata': '无法读取任何元数据',
    'metadata.event.delivered': '签收',
    'metadata.event.ordered': '下单',
  },
};
