import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  // DOCENT_BROWSER=firefox (npm run test:unit:firefox) runs the suite with WXT's Firefox target:
  // import.meta.env.BROWSER, the manifest and the fake browser are Firefox's.
  plugins: [WxtVitest({ browser: process.env.DOCENT_BROWSER === 'firefox' ? 'firefox' : 'chrome' }), preact()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/unit/setup.ts'],
    environment: 'happy-dom',
  },
});
