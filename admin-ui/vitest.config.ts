import { defineProject } from 'vitest/config'

export default defineProject({
  test: { name: 'admin-ui', include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 90_000 },
})
