import type { MessageTable } from '../../messages/types';

/** Messages of the catalog detector. */
export const catalogMessages: MessageTable = {
  en: {
    'catalog.reuse': 'The photo is the seller\'s catalog photo #{index}, only re-encoded or resized.',
    'catalog.derived-edit': 'The photo was made from the seller\'s catalog photo #{index}: the {area} area was changed (about {percent}% of the image).',
    'catalog.new-photo': 'An independent photo of the same product (not derived from the catalog photos).',
    'catalog.reason.no-catalog': 'no catalog photo was given',
  },
  'zh-CN': {
    'catalog.reuse': '该照片就是卖家的第 {index} 张商品主图，仅被重新压缩或缩放。',
    'catalog.derived-edit': '该照片由卖家的第 {index} 张商品主图修改而来：{area}区域被改动（约占 {percent}%）。',
    'catalog.new-photo': '这是同一商品的独立拍摄照片（并非由商品主图派生）。',
    'catalog.reason.no-catalog': '未提供商品主图',
  },
};
