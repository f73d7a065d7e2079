import { defineProject } from 'vitest/config'

export default defineProject({
  // A browser test waits for what a page shows after the server answers; on a loaded CI machine that
  // can take more than expect.poll's default second.
  test: {
    name: 'admin-ui',
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 90_000,
  },
})
