/**
 * AI image generators and the traces they leave in files: PNG text keys with generation parameters, and names in
 * Software / CreatorTool / Credit / Description / comment fields or C2PA claim generators. One row per generator;
 * every row cites where its traces are documented or were seen. Patterns are matched on short metadata strings,
 * never on pixel data, and are anchored on product names that camera firmware and photo editors do not write
 * (checked against the 37 camera files of the shared corpus: no match).
 */

/**
 * How a PNG text key proves a generator: `sd-params` A1111 infotext (or settings JSON), `sd-json` a JSON object with
 * generation settings, `comfy-graph` a ComfyUI graph, `json` any JSON object, `any` any non-empty text.
 */
export type ParamShape = 'sd-params' | 'sd-json' | 'comfy-graph' | 'json' | 'any';

/**
 * What a trace proves: `parameters` generation parameters or a generation record only the service writes (decisive);
 * `declaration` a standard AI declaration naming the system (IPTC 2025.1 AISystemUsed; decisive);
 * `signature` a service's own provenance blob, distinctive but not verifiable offline; `marker` a hosting or app
 * marker that usually, not always, means generated content.
 */
export type TraceKind = 'parameters' | 'declaration' | 'signature' | 'marker';

/** One generator. */
export interface GeneratorRow {
  /** Stable id, reported in `details.generator`. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** PNG text keys that carry this generator's parameters (or a marker), with the payload shape that must be seen. */
  readonly pngKeys?: readonly { readonly key: string; readonly shape: ParamShape; readonly kind?: TraceKind }[];
  /** Name pattern for Software/CreatorTool/Credit/Make/claim-generator fields and comments. */
  readonly names?: RegExp;
  /** Patterns that must all match one text field (any field) for a trace of this kind. */
  readonly textRules?: readonly { readonly all: readonly RegExp[]; readonly kind: TraceKind; readonly what: string }[];
  /** Where the traces are documented or seen. */
  readonly source: string;
}

/** The generator table. Order matters only for reporting: the first matching row names the generator. */
export const GENERATORS: readonly GeneratorRow[] = [
  {
    id: 'fooocus',
    name: 'Fooocus',
    pngKeys: [{ key: 'fooocus_scheme', shape: 'any' }],
    names: /\bFooocus\b/i,
    source: 'lllyasviel/Fooocus modules/meta_parser.py (PNG text "parameters" JSON with "version": "Fooocus v…" and "fooocus_scheme"); shared corpus ai-generated/sdparsers__fooocus1_cropped.png',
  },
  {
    id: 'automatic1111',
    name: 'AUTOMATIC1111 / Forge (Stable Diffusion web UI)',
    pngKeys: [{ key: 'parameters', shape: 'sd-params' }],
    names: /\bAUTOMATIC1111\b|stable-diffusion-webui|\bSD[ -]?WebUI\b/i,
    source: 'AUTOMATIC1111/stable-diffusion-webui modules/images.py save_image_with_geninfo (PNG tEXt "parameters", JPEG/WebP EXIF UserComment); stealth-pnginfo extension; shared corpus ai-generated/sdparsers__automatic1111_*',
  },
  {
    id: 'comfyui',
    name: 'ComfyUI',
    pngKeys: [
      { key: 'prompt', shape: 'comfy-graph' },
      { key: 'workflow', shape: 'comfy-graph' },
    ],
    names: /\bComfyUI\b/i,
    source: 'comfyanonymous/ComfyUI nodes.py SaveImage (PNG tEXt "prompt" API graph and "workflow" JSON); shared corpus ai-generated/comfyex__*.png, sdparsers__*_cropped.png',
  },
  {
    id: 'novelai',
    name: 'NovelAI',
    pngKeys: [{ key: 'Comment', shape: 'sd-json' }],
    names: /\bNovelAI\b/i,
    source: 'NovelAI image exports (PNG tEXt Software="NovelAI", Source, Comment JSON with steps/sampler/seed); shared corpus ai-generated/sdparsers__novelai1_cropped.png',
  },
  {
    id: 'invokeai',
    name: 'InvokeAI',
    pngKeys: [
      { key: 'invokeai_metadata', shape: 'json' },
      { key: 'invokeai_graph', shape: 'json' },
      { key: 'invokeai_workflow', shape: 'json' },
      { key: 'sd-metadata', shape: 'json' },
      { key: 'Dream', shape: 'any' },
    ],
    names: /\bInvokeAI\b/i,
    source: 'invoke-ai/InvokeAI invokeai/app/services/image_files (PNG text invokeai_metadata/invokeai_graph; legacy sd-metadata and Dream); shared corpus ai-generated/sdparsers__invokeai_*.png',
  },
  {
    id: 'midjourney',
    name: 'Midjourney',
    names: /\bmidjourney\b/i,
    // "<prompt> --ar 2:1 --stylize 80 --v 6 Job ID: a7421d2f-…" in PNG Description (Author = the user name).
    textRules: [{ all: [/\bJob ID:\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i], kind: 'parameters', what: 'prompt and job id' }],
    source:
      'Midjourney web downloads: PNG Description "<prompt> --params Job ID: <uuid>" and Author "<user>" (exiftool example in peterkaminski\'s notes "How to use exiftool to retrieve the image prompt from a Midjourney PNG file"; Ktiseos-Nyx/Dataset-Tools parser_definitions/midjourney.json: Description contains "Job ID:"); XMP DigitalSourceType since 2024',
  },
  {
    id: 'openai',
    name: 'OpenAI DALL·E / ChatGPT / GPT-4o',
    names: /\bDALL[·\-.\s]?E\b|\bChatGPT\b|\bGPT-4o\b|\bgpt-image-\d|OpenAI (?:Media Service|API)/i,
    source: 'OpenAI help "C2PA in ChatGPT images" (claim generator ChatGPT, softwareAgent GPT-4o); shared corpus c2pa/huminify__gpt4o_ChatGPT_Image.png, ai-labelled/rmaiwm__chatgpt-1.png',
  },
  {
    id: 'firefly',
    name: 'Adobe Firefly',
    names: /\bAdobe[ _]Firefly\b|\bFirefly\b(?= ?\d|\/| Image| Services)/i,
    source: 'Adobe Firefly content credentials (claim generator "Adobe_Firefly/1.0"); shared corpus c2pa/cattest__firefly-1.jpg',
  },
  {
    id: 'google',
    name: 'Google Imagen / Gemini',
    // "Imagen" alone is Spanish for "image" and "Gemini" names other products: require the Google context.
    names: /\bGoogle (?:Imagen|Gemini)\b|\bImagen [234](?:\.\d)?\b|\bGemini (?:\d(?:\.\d)?|Flash|Pro|Image)\b|Google Generative AI|Nano Banana|\bSynthID\b/i,
    source: 'Google "About AI-generated images" (Imagen/Gemini outputs carry C2PA "Created by Google Generative AI." and SynthID); shared corpus c2pa/huminify__google_lady.png',
  },
  {
    id: 'bing',
    name: 'Bing Image Creator / Microsoft Designer',
    names: /Bing Image Creator|Microsoft Designer|Image Creator from (?:Microsoft )?Designer|Microsoft[_ ]Responsible[_ ]AI/i,
    source: 'Microsoft "Content credentials in Bing Image Creator" (claim generator Microsoft_Responsible_AI/1.0); shared corpus c2pa/msval__bing_creator_cloud_surfing_puppy.jpg',
  },
  {
    id: 'stable-diffusion',
    name: 'Stable Diffusion (Stability AI)',
    names: /\bStable[ _-]?Diffusion\b|\bSDXL\b|\bStability AI\b|\bstability\.ai\b|\bDreamStudio\b/i,
    source: 'Stability AI model cards; NovelAI writes Source="Stable Diffusion <hash>" (shared corpus ai-generated/sdparsers__novelai1_cropped.png)',
  },
  {
    id: 'flux',
    name: 'FLUX (Black Forest Labs)',
    names: /Black Forest Labs|\bFLUX\.\d\b|\bFLUX[ .-](?:dev|schnell|pro|kontext)\b/i,
    source: 'Black Forest Labs API content credentials (claim generator "Black Forest Labs API"); shared corpus ai-labelled/rmaiwm__flux-1.png',
  },
  {
    id: 'amazon-titan',
    name: 'Amazon Titan / Nova Canvas',
    names: /Titan Image Generator|Amazon[ _]Bedrock|Nova Canvas/i,
    source: 'AWS Bedrock docs "Titan Image Generator watermark and C2PA"; shared corpus c2pa/trustnxt__amazon-titan-g1.png',
  },
  {
    id: 'wenxin-yige',
    name: '文心一格 (Baidu ERNIE-ViLG)',
    names: /文心一格|ERNIE[ -]?ViLG|yige\.baidu\.com/i,
    source: 'Baidu 文心一格 product page https://yige.baidu.com (ERNIE-ViLG 2.0 model)',
  },
  {
    id: 'tongyi-wanxiang',
    name: '通义万相 (Alibaba Tongyi Wanxiang)',
    names: /通义万相|Tongyi[ -]?Wanxiang|\bWanx(?:iang)?\b|\bWan2\.\d\b/i,
    source: 'Alibaba Cloud 通义万相 product page https://tongyi.aliyun.com/wanxiang (model ids wanx-*, Wan2.x)',
  },
  {
    id: 'doubao-jimeng',
    name: '豆包 / 即梦 (ByteDance Doubao / Jimeng / Dreamina / Seedream)',
    names: /豆包|\bDoubao\b|即梦|\bJimeng\b|\bDreamina\b|\bSeedream\b/i,
    source: 'ByteDance 即梦 https://jimeng.jianying.com and Volcano Engine Doubao Seedream model docs; GB 45438 labels of both in shared corpus ai-labelled/',
  },
  {
    id: 'kling',
    name: '可灵 (Kuaishou Kling / Kolors)',
    names: /可灵|\bKling(?:[ -]?AI)?\b|\bKolors\b/i,
    source: 'Kuaishou 可灵 AI https://klingai.com (image model Kolors)',
  },
  {
    id: 'hunyuan',
    name: '腾讯混元 (Tencent Hunyuan)',
    names: /混元|\bHunyuan(?:[ -]?(?:DiT|Image))?\b/i,
    source: 'Tencent 混元 https://hunyuan.tencent.com (HunyuanDiT / Hunyuan-Image models)',
  },
  {
    id: 'meitu-ai',
    name: '美图 AI (Meitu MiracleVision / WHEE)',
    // Case-sensitive so that the word "whee" in a description does not match; 美图秀秀 itself is a photo editor.
    names: /美图\s?AI|[Mm]eitu\s?AI|MEITU\s?AI|MiracleVision|奇想(?:大模型|智能)|\bWHEE\b/,
    source: 'Meitu MiracleVision (奇想大模型) and WHEE AI image product pages, https://www.whee.com',
  },
  {
    id: 'xingtu-ai',
    name: '醒图 AI (ByteDance Hypic AI)',
    names: /醒图\s?AI|Hypic\s?AI/i,
    source: 'ByteDance 醒图 / Hypic app store listings (AI 绘画 / AI 扩图 features)',
  },
  {
    id: 'drawthings',
    name: 'Draw Things',
    names: /\bDraw Things\b/i,
    source: 'Ktiseos-Nyx/Dataset-Tools parser_definitions/drawthings.json (XMP CreatorTool "Draw Things", generation JSON in exif:UserComment)',
  },
  {
    id: 'luma',
    name: 'Luma AI',
    names: /\bLuma AI\b|\blumalabs\.ai\b/i,
    source: 'wiltodelta/remove-ai-watermarks _internal/constants.py AI_GENERATOR_TOKENS: Luma AI writes PNG tEXt Source="Luma AI", Comment "Generated by Luma AI\'s … model (https://lumalabs.ai)"',
  },
  {
    id: 'xai-grok',
    name: 'xAI Grok (Aurora)',
    names: /\bxAI Grok\b|\bGrok Imagine\b/i,
    source:
      'wiltodelta/remove-ai-watermarks metadata.py xai_signature: Grok JPEG downloads carry EXIF ImageDescription "Signature: <base64, 64+ chars>" with Artist = the image UUID (checked by findSignaturePairs); C2PA claim generator "Grok Imagine" (constants.py)',
  },
  {
    id: 'bytedance-app',
    name: 'ByteDance app AIGC record (Douyin / CapCut / Dreamina)',
    textRules: [
      { all: [/"aigc_info"/, /"aigc_label_type"\s*:\s*[12]\s*[,}]/], kind: 'parameters', what: 'aigc_info with aigc_label_type 1 or 2' },
      { all: [/"product"\s*:\s*"dreamina(?:_oversea)?"/i, /"exportType"\s*:\s*"generation"/i], kind: 'parameters', what: 'Dreamina generation export' },
    ],
    source: 'wiltodelta/remove-ai-watermarks metadata.py _app_metadata_evidence (JSON in EXIF fields of ByteDance-app exports: "aigc_info" with "aigc_label_type", Dreamina "exportType":"generation")',
  },
  {
    id: 'huggingface-job',
    name: 'Hugging Face hosted job',
    pngKeys: [{ key: 'hf-job-id', shape: 'any', kind: 'marker' }],
    source: 'wiltodelta/remove-ai-watermarks metadata.py _huggingface_job_impl (PNG tEXt "hf-job-id" = the hosting job UUID; marks the job, not a model)',
  },
  {
    id: 'apple-image-playground',
    name: 'Apple Image Playground',
    names: /\bImage Playground\b/,
    source: 'wiltodelta/remove-ai-watermarks _internal/constants.py AI_GENERATOR_TOKENS ("apple image playground")',
  },
  {
    id: 'nightcafe',
    name: 'NightCafe',
    names: /\bNightCafe\b/i,
    source: 'wiltodelta/remove-ai-watermarks _internal/constants.py AI_GENERATOR_TOKENS ("nightcafe")',
  },
  {
    id: 'reve',
    name: 'Reve',
    names: /\breve\.com\b|\bReve Image\b/i,
    source: 'wiltodelta/remove-ai-watermarks _internal/constants.py AI_GENERATOR_TOKENS ("reve.com")',
  },
  {
    id: 'leonardo',
    name: 'Leonardo.Ai',
    names: /\bLeonardo\.Ai\b/i,
    source: 'Leonardo.Ai https://leonardo.ai product name',
  },
  {
    id: 'ideogram',
    name: 'Ideogram',
    names: /\bIdeogram(?:\.ai| AI)?\b/i,
    source: 'Ideogram https://ideogram.ai product name; EXIF Make "Ideogram AI" and C2PA signer "Ideogram, Inc" (wiltodelta/remove-ai-watermarks metadata.py exif_generator, constants.py)',
  },
];
