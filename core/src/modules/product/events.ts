// Events the product module emits; search and caches follow them.
export const ProductEvents = {
  created: 'product.created',
  updated: 'product.updated',
  deleted: 'product.deleted',
  categoryCreated: 'product-category.created',
  collectionCreated: 'product-collection.created',
} as const
