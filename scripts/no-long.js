// Vite plugin (vite.config.ts, main and worker builds): protobufjs, whose parser compiles the
// user's .proto files (src/mqtt/decoders/proto-schema.ts), looks for the `long` package once when
// it loads. long.js compiles a small WebAssembly module as it loads (for 64-bit multiply and
// divide), which the app's Content-Security-Policy refuses ('wasm-eval' is not allowed, and must
// not be: scripts/csp.js) — a violation report on every first use of the Decoders page.
// The app never does 64-bit arithmetic with protobufjs (payloads are decoded by
// @bufbuild/protobuf), so `long` imported from protobufjs is replaced by nothing: protobufjs
// then keeps 64-bit values as numbers, as it does when `long` is not installed.
const EMPTY = '\0switchyard-no-long';

/** @returns {import('vite').Plugin} */
export function noLong() {
  return {
    name: 'switchyard-no-long',
    enforce: 'pre',
    apply: 'build',
    resolveId(id, importer) {
      if (id === 'long' && importer && /[\\/]protobufjs[\\/]/.test(importer)) return EMPTY;
      return null;
    },
    load(id) {
      return id === EMPTY ? 'module.exports = null;' : null;
    },
  };
}
