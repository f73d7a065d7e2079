// One Vitest run over every package's tests (npm test at the root).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: ['core', 'cli', 'plugins/*', 'admin-ui'],
  },
})
