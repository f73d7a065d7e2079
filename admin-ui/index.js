// Where the built admin UI lives, for the server to serve at /app.
import { fileURLToPath } from 'node:url'

export const adminUiDist = fileURLToPath(new URL('./dist', import.meta.url))
