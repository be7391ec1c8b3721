import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Component tests: the app's React components in jsdom, driven like a user would (Testing Library).
export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['test/components/**/*.test.tsx'],
    setupFiles: ['../ui/test-support/component-setup.ts'],
    // jsdom and Fluent are slow to start on a shared 2-core machine.
    testTimeout: 30_000,
  },
});
