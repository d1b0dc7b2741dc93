// Jest transformer: ts-jest, plus one line that binds the built-in globals hot pixel loops use (Math, typed-array
// constructors, NaN, Infinity) as module-scope constants. Jest runs each test in a vm context whose global object
// is reached through interceptors, so every bare `Math.abs` in a loop became a slow interceptor call (measured
// 30–60× slower than under plain Node for the pixel detectors). The prefix goes on the first line, so line
// numbers and source maps are unchanged.
const tsJest = require('ts-jest').default;

const NAMES = ['Math', 'Number', 'Array', 'Uint8Array', 'Uint8ClampedArray', 'Int8Array', 'Uint16Array', 'Int16Array', 'Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array', 'NaN', 'Infinity'];
const PREFIX = `const ${NAMES.map((n) => `${n} = globalThis.${n}`).join(', ')};`;

function withPrefix(out) {
  return typeof out === 'string' ? PREFIX + out : { ...out, code: PREFIX + out.code };
}

module.exports = {
  createTransformer(config) {
    const inner = tsJest.createTransformer(config);
    return {
      canInstrument: inner.canInstrument,
      process: (src, path, opts) => withPrefix(inner.process(src, path, opts)),
      processAsync: async (src, path, opts) => withPrefix(await inner.processAsync(src, path, opts)),
      getCacheKey: (src, path, opts) => `${inner.getCacheKey(src, path, opts)}:fast-globals-1`,
      getCacheKeyAsync: async (src, path, opts) => `${await inner.getCacheKeyAsync(src, path, opts)}:fast-globals-1`,
    };
  },
};
