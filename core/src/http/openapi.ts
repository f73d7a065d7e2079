// /openapi.json, generated from the routes' zod schemas.
import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi'
import type { AnyRoute } from './route'

const errorSchemaRef = { $ref: '#/components/schemas/Error' }

export function buildOpenApiDocument(routes: AnyRoute[], info: { title: string; version: string }) {
  const paths: ZodOpenApiPathsObject = {}
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}')
    const isAdmin = route.path.startsWith('/admin/')
    paths[path] ??= {}
    paths[path][route.method] = {
      summary: route.summary,
      tags: route.tags,
      // Admin routes: a staff token or a secret key, with the permission the route states.
      ...(isAdmin && {
        security: [{ bearer: [] }, { secretKey: [] }],
        'x-permission': route.permission ?? 'owner or admin',
      }),
      requestParams: {
        ...(route.params && { path: route.params }),
        ...(route.query && { query: route.query }),
      },
      ...(route.body && { requestBody: { content: { 'application/json': { schema: route.body } } } }),
      responses: {
        [String(route.status ?? 200)]: {
          description: 'Success',
          content: { 'application/json': { schema: route.response } },
        },
        '4XX': {
          description: 'The request was wrong',
          content: { 'application/json': { schema: errorSchemaRef } },
        },
      },
    } as never
  }
  return createDocument({
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        secretKey: { type: 'http', scheme: 'basic', description: 'A secret API key (sk_…) as the user name' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['type', 'message'],
          properties: {
            type: { type: 'string' },
            message: { type: 'string' },
            issues: {
              type: 'array',
              items: {
                type: 'object',
                properties: { field: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  })
}
