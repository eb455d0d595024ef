import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    globals: true,
    include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
    environment: 'node',
    // Browser tests start the whole app and Chromium: give them room, keep unit tests fast.
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: { TZ: process.env.TZ ?? 'UTC' },
    benchmark: { include: ['bench/**/*.bench.ts', 'src/**/*.bench.ts'] },
  },
});
