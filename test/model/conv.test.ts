/**
 * The pure-TypeScript inference kernels (src/model) on tiny inline tensors with hand-computed answers: the
 * convolution with torch's stride, dilation and padding, the weight re-layout, the eight-channel fast path against
 * the plain one, and the SHA-256 check of serialised weights.
 */
import { createHash } from 'node:crypto';
import { conv2d, convLayer, convOutSize, type FeatureMap } from '../../src/model/conv';
import { decodeWeights, WeightsIntegrityError, type SerializedWeights } from '../../src/model/weights';

// 3×3 input 1..9 and a Laplacian kernel (torch order [out][in][kh][kw]) with bias 0.5.
const input: FeatureMap = { data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), width: 3, height: 3, channels: 1 };
const laplacian = Float32Array.from([0, 1, 0, 1, -4, 1, 0, 1, 0]);
const bias = Float32Array.from([0.5]);

describe('model/conv', () => {
  test('3×3, padding 1: each output is the neighbours minus four times the centre, plus the bias', () => {
    const out = conv2d(input, convLayer(laplacian, bias, [1, 1, 3, 3], { padding: [1, 1], relu: false }));
    expect([out.width, out.height, out.channels]).toEqual([3, 3, 1]);
    // (0,0): 2 + 4 − 4·1 + 0.5; (1,1): 2 + 4 + 6 + 8 − 4·5 + 0.5; …
    expect(Array.from(out.data)).toEqual([2.5, 1.5, -3.5, -2.5, 0.5, -6.5, -15.5, -10.5, -21.5]);
  });

  test('ReLU clips the negatives; stride 2 keeps every other output', () => {
    const relu = conv2d(input, convLayer(laplacian, bias, [1, 1, 3, 3], { padding: [1, 1], relu: true }));
    expect(Array.from(relu.data)).toEqual([2.5, 1.5, 0, 0, 0.5, 0, 0, 0, 0]);
    const strided = conv2d(input, convLayer(laplacian, bias, [1, 1, 3, 3], { stride: [2, 2], padding: [1, 1], relu: false }));
    expect([strided.width, strided.height]).toEqual([2, 2]);
    expect(Array.from(strided.data)).toEqual([2.5, -3.5, -15.5, -21.5]);
  });

  test('dilation (1, 2) with padding (1, 2): the centre output reads only the middle column of taps', () => {
    const out = conv2d(input, convLayer(laplacian, bias, [1, 1, 3, 3], { dilation: [1, 2], padding: [1, 2], relu: false }));
    expect([out.width, out.height]).toEqual([3, 3]);
    // Taps at x − 2, x, x + 2: for x = 1 only x itself is inside → 1·2 − 4·5 + 1·8 + 0.5.
    expect(out.data[4]).toBeCloseTo(-9.5, 6);
  });

  test('output sizes follow torch: floor((n + 2p − d(k − 1) − 1) / s) + 1', () => {
    expect(convOutSize(48, 3, 2, 1, 1)).toBe(24);
    expect(convOutSize(47, 3, 2, 1, 1)).toBe(24);
    expect(convOutSize(12, 5, 1, 2, 4)).toBe(12);
    expect(convOutSize(22, 3, 2, 1, 1)).toBe(11);
  });

  test('weights are re-laid out from [out][in][kh][kw]: a 1×1 layer over two channels', () => {
    const x: FeatureMap = { data: Float32Array.from([1, 10, 2, 20]), width: 2, height: 1, channels: 2 };
    const out = conv2d(x, convLayer(Float32Array.from([3, -1, 0.5, 0.25]), Float32Array.from([1, 0]), [2, 2, 1, 1], { relu: false }));
    // Output channel 0: 3·a − b + 1; channel 1: 0.5·a + 0.25·b.
    expect(Array.from(out.data)).toEqual([3 - 10 + 1, 0.5 + 2.5, 6 - 20 + 1, 1 + 5]);
  });

  test('the eight-channel path equals eight single-channel layers, and writes into a reused buffer', () => {
    let seed = 7;
    const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const x: FeatureMap = { data: Float32Array.from({ length: 9 * 7 * 3 }, rand), width: 9, height: 7, channels: 3 };
    const w = Float32Array.from({ length: 8 * 3 * 3 * 3 }, rand);
    const b = Float32Array.from({ length: 8 }, rand);
    const buffer = new Float32Array(1000);
    const all = conv2d(x, convLayer(w, b, [8, 3, 3, 3], { stride: [1, 2], padding: [1, 1], relu: true }), buffer);
    expect(all.data.buffer).toBe(buffer.buffer);
    for (let o = 0; o < 8; o++) {
      const one = conv2d(x, convLayer(w.subarray(o * 27, o * 27 + 27), b.subarray(o, o + 1), [1, 3, 3, 3], { stride: [1, 2], padding: [1, 1], relu: true }));
      for (let i = 0; i < one.data.length; i++) expect(all.data[i * 8 + o]).toBeCloseTo(one.data[i], 5);
    }
  });

  test('a layer whose tensors do not fit its shape, or a map with the wrong channels, is refused', () => {
    expect(() => convLayer(laplacian, bias, [1, 1, 3, 2], { relu: false })).toThrow(/do not fit the shape 1×1×3×2/);
    expect(() => conv2d({ ...input, channels: 2 }, convLayer(laplacian, bias, [1, 1, 3, 3], { relu: false }))).toThrow(/the map has 2 channels, the layer takes 1/);
  });
});

describe('model/weights', () => {
  const meta = JSON.stringify({ version: 'test', tensors: [['a', [2]], ['b', [1, 1]]] });
  const bytes = Buffer.alloc(12);
  [1.5, -2, 0.25].forEach((v, i) => bytes.writeFloatLE(v, i * 4));
  const sha = createHash('sha256').update(meta, 'utf8').update(bytes).digest('hex');
  const good: SerializedWeights = { metaJson: meta, sha256: sha, base64: bytes.toString('base64') };

  test('verified weights decode to their tensors', () => {
    const w = decodeWeights(good, 'test');
    expect(Array.from(w.tensors.a)).toEqual([1.5, -2]);
    expect(Array.from(w.tensors.b)).toEqual([0.25]);
    expect(w.meta.version).toBe('test');
  });

  test('one changed weight, changed meta data or a wrong layout fails the check', () => {
    const changed = Buffer.from(bytes);
    changed.writeFloatLE(1.25, 0);
    expect(() => decodeWeights({ ...good, base64: changed.toString('base64') }, 'test')).toThrow(WeightsIntegrityError);
    expect(() => decodeWeights({ ...good, metaJson: meta.replace('test', 'tset') }, 'test')).toThrow(/fail their SHA-256 check/);
    const short = JSON.stringify({ version: 'test', tensors: [['a', [4]]] });
    const shortSha = createHash('sha256').update(short, 'utf8').update(bytes).digest('hex');
    expect(() => decodeWeights({ metaJson: short, sha256: shortSha, base64: good.base64 }, 'test')).toThrow(/hold 12 bytes, their layout needs 16/);
  });
});
