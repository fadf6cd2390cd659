import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

// Unit tests (tests/unit): validators, useList, the v-permission directive. In happy-dom, not a browser:
// the end-to-end tests (e2e/) drive the real app in Chromium.
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'happy-dom',
      include: ['tests/unit/**/*.test.ts'],
      restoreMocks: true,
    },
  }),
)
