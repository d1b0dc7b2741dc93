import type { MessageTable } from '../../messages/types';

/** Messages of the catalog detector: signal codes and reasons, English and Simplified Chinese. */
export const catalogMessages: MessageTable = {
  en: {
    'catalog.reuse': 'The photo is the seller\'s catalog photo #{index}, only re-encoded or resized.',
    'catalog.derived-edit': 'The photo was made from the seller\'s catalog photo #{index}: the {area} area was changed (about {percent}% of the image).',
    'catalog.new-photo': 'An independent photo of the same product (not derived from the catalog photos).',
    'catalog.different-product': 'The photo does not seem to show the product in the catalog photos: it is not derived from them and its colours differ from every one of them (colour difference ΔE00 {distance}).',
    'catalog.reason.no-catalog': 'no catalog photo was given',
    'catalog.reason.undecodable': 'the claim image cannot be decoded to pixels, so it cannot be compared with the catalog photos',
    'catalog.reason.unusable-catalog': 'none of the catalog photos or fingerprints could be used (undecodable image or unknown fingerprint version)',
  },
  'zh-CN': {
    'catalog.reuse': '该照片就是卖家的第 {index} 张商品主图，仅被重新压缩或缩放。',
    'catalog.derived-edit': '该照片由卖家的第 {index} 张商品主图修改而来：{area}区域被改动（约占 {percent}%）。',
    'catalog.new-photo': '这是同一商品的独立拍摄照片（并非由商品主图派生）。',
    'catalog.different-product': '照片中的商品似乎不是商品主图中的商品：它并非由商品主图派生，且颜色与每一张商品主图都不同（色差 ΔE00 为 {distance}）。',
    'catalog.reason.no-catalog': '未提供商品主图',
    'catalog.reason.undecodable': '无法解码索赔图片的像素，因此无法与商品主图比对',
    'catalog.reason.unusable-catalog': '所提供的商品主图或指纹均无法使用（图片无法解码或指纹版本未知）',
  },
};
