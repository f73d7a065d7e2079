// The storefront builds twice: the browser bundle (dist/client, with a manifest the server reads) and
// the server renderer (dist/server). `npm run dev` serves it alone, proxying the Store API.
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const api = process.env.SHOPWRIGHT_URL ?? 'http://127.0.0.1:9000'

export default defineConfig(({ isSsrBuild }) => ({
  base: '/shop/',
  plugins: [react()],
  build: isSsrBuild
    ? { outDir: 'dist/server', emptyOutDir: true }
    : {
        outDir: 'dist/client',
        emptyOutDir: true,
        manifest: true,
        rollupOptions: { input: 'src/entry-client.tsx' },
      },
  server: { proxy: { '/store': api, '/auth': api, '/static': api } },
}))
