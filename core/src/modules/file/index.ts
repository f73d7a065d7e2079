// The file module: local storage for admin uploads under the project folder, served at /static/uploads.
import path from 'node:path'
import { asValue } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import { staticDir } from '../../seed/demo'
import { uploadFile } from './admin-routes'
import { LocalFileStorage } from './storage'

/** Largest upload accepted: product photos, not videos. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024

export const fileModule = definePlugin({
  name: 'core.file',
  register(ctx) {
    const dir = path.join(staticDir(ctx.config.projectDir), 'uploads')
    ctx.container.register({
      fileStorage: asValue(new LocalFileStorage(dir, '/static/uploads', MAX_UPLOAD_BYTES)),
    })
    ctx.addRoutes(uploadFile)
  },
})
