import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: { port: Number(process.env.SWITCHYARD_UI_PORT ?? 5173), strictPort: true },
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts', 'dev/**/*.test.js', 'scripts/**/*.test.js'],
    environment: 'node',
  },
});
