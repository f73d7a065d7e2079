// The search module: the embedded provider by default, the index rebuilt at boot and kept in step
// with product events, and GET /store/search.
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import { ProductEvents } from '../product/events'
import { EmbeddedSearchProvider } from './embedded-provider'
import { SearchService } from './service'
import { storeSearch } from './store-routes'

export const searchModule = definePlugin({
  name: 'core.search',
  register(ctx) {
    ctx.providers.search.register(new EmbeddedSearchProvider())
    ctx.container.register({
      searchService: asFunction(
        ({ db, providers }) =>
          new SearchService(db, providers, process.env.SEARCH_PROVIDER ?? 'search_embedded'),
      ).singleton(),
    })
    ctx.addRoutes(storeSearch)
    ctx.subscribe({
      id: 'search.index-product',
      event: [ProductEvents.created, ProductEvents.updated, ProductEvents.deleted],
      // Re-indexing reads the product as it is now, so a repeated delivery changes nothing.
      handler: (event) =>
        ctx.container.resolve<SearchService>('searchService').reindex([(event.data as { id: string }).id]),
    })
    ctx.subscribe({
      id: 'search.index-category-products',
      event: [ProductEvents.categoryUpdated, ProductEvents.categoryDeleted],
      handler: (event) => {
        const { id, product_ids } = event.data as { id: string; product_ids?: string[] }
        return ctx.container
          .resolve<SearchService>('searchService')
          .reindexLinked({ category_id: id, product_ids })
      },
    })
    ctx.subscribe({
      id: 'search.index-tag-products',
      event: [ProductEvents.tagChanged],
      handler: (event) => {
        const { id, product_ids } = event.data as { id: string; product_ids?: string[] }
        return ctx.container
          .resolve<SearchService>('searchService')
          .reindexLinked({ tag_id: id, product_ids })
      },
    })
  },
  boot(ctx) {
    // In the background: a large catalog must not hold up the server's start.
    const search = ctx.container.resolve<SearchService>('searchService')
    search.rebuild().catch((error) => ctx.logger.error({ err: error }, 'search index rebuild failed'))
  },
})
