// Admin upload: the file is the request body (its content-type says what it is), stored locally.
import { z } from 'zod'
import { defineRoute } from '../../http/route'
import type { LocalFileStorage } from './storage'

export const uploadFile = defineRoute({
  method: 'post',
  path: '/admin/uploads',
  permission: 'file:write',
  summary:
    'Store an image (PNG, JPEG, GIF, WebP or AVIF; the raw file as the body, its type as content-type) and answer its address',
  tags: ['Admin: files'],
  response: z.object({
    file: z.object({ url: z.string(), size: z.number().int(), content_type: z.string() }),
  }),
  status: 201,
  handler: async ({ koa, resolve }) => {
    const length = koa.get('content-length')
    try {
      const file = await resolve<LocalFileStorage>('fileStorage').store(
        koa.req,
        koa.get('content-type'),
        length ? Number(length) : undefined,
      )
      return { file }
    } catch (error) {
      // The refused body may be still arriving: the connection cannot carry another request.
      koa.set('Connection', 'close')
      throw error
    }
  },
})
