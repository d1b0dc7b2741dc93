import type { MessageTable } from '../../messages/types';

/** Messages of the edits detector: its two findings and the reasons it may decline to judge. */
export const editsMessages: MessageTable = {
  en: {
    'edits.local-region': 'The {area} area lacks the camera traces of the rest of the photo: it looks painted, pasted or regenerated (model probability {probability}).',
    'edits.local-region.weak': 'The camera traces of the {area} area differ slightly from the rest of the photo (model probability {probability}): weak evidence of an edit, counted as a small hint only.',
    'edits.regenerated': 'The whole photo lacks the traces a camera leaves, or carries those of an image generator or upscaler (model probability {probability}).',
    'edits.reason.undecodable': 'the pixels of this format cannot be decoded, so camera traces cannot be examined',
    'edits.reason.tiny': 'the image is too small ({width}×{height}) to compare the camera traces of its parts',
    'edits.reason.clipped': 'almost all of the image is clipped to white or black or very dark, where no camera noise can be measured',
  },
  'zh-CN': {
    'edits.local-region': '{area}区域缺少照片其余部分所具有的相机痕迹，看起来是被涂画、粘贴或重新生成的（模型概率 {probability}）。',
    'edits.local-region.weak': '{area}区域的相机痕迹与照片其余部分略有不同（模型概率 {probability}）：编辑证据较弱，仅作为小提示计入。',
    'edits.regenerated': '整张照片缺少相机留下的痕迹，或带有图像生成器/超分辨率放大器的痕迹（模型概率 {probability}）。',
    'edits.reason.undecodable': '无法解码该格式的像素，因此无法检查相机痕迹',
    'edits.reason.tiny': '图像太小（{width}×{height}），无法比较各部分的相机痕迹',
    'edits.reason.clipped': '图像几乎全部为纯白、纯黑或极暗区域，这些区域测不出相机噪声',
  },
};
