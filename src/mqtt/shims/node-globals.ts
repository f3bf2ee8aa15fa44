/**
 * The two Node globals mqtt.js and its dependencies use without importing them (`process`,
 * for process.nextTick; `Buffer`), as its prebuilt browser bundle provides them: the same
 * browser builds (the `process` and `buffer` packages). scripts/lean-mqtt.js imports this
 * before mqtt.js in the worker; nothing else may rely on it.
 */
import process from 'process/browser.js';
import { Buffer } from 'buffer';

const g = globalThis as unknown as { process?: unknown; Buffer?: unknown };
g.process ??= process;
g.Buffer ??= Buffer;
