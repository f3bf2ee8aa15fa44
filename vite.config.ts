import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { cspPlugin } from './scripts/csp.js';
import { leanMqtt } from './scripts/lean-mqtt.js';
import { noLong } from './scripts/no-long.js';

export default defineConfig({
  // cspPlugin: the Content-Security-Policy <meta> in the built index.html only (see scripts/csp.js).
  // noLong: protobufjs (the .proto parser) without long.js, which compiles WebAssembly as it loads (scripts/no-long.js).
  plugins: [react(), cspPlugin(), noLong()],
  server: { port: Number(process.env.SWITCHYARD_UI_PORT ?? 5173), strictPort: true },
  // leanMqtt: the worker's mqtt.js built from its modules, without Node's browser copies it does not need (scripts/lean-mqtt.js).
  worker: { format: 'es', plugins: () => [leanMqtt(), noLong()] },
  test: {
    include: ['src/**/*.test.ts', 'dev/**/*.test.js', 'scripts/**/*.test.js', 'bench/**/*.test.ts'],
    environment: 'node',
  },
});
