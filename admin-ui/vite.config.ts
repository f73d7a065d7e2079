// The admin UI builds to static files that the Shopwright server serves at /app.
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/admin': 'http://127.0.0.1:9000',
      '/auth': 'http://127.0.0.1:9000',
      '/static': 'http://127.0.0.1:9000',
      '/openapi.json': 'http://127.0.0.1:9000',
    },
  },
})
