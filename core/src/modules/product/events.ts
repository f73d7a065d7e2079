// Events the product module emits; search and caches follow them.
export const ProductEvents = {
  created: 'product.created',
  updated: 'product.updated',
  deleted: 'product.deleted',
  categoryCreated: 'product-category.created',
  categoryUpdated: 'product-category.updated',
  categoryDeleted: 'product-category.deleted',
  collectionCreated: 'product-collection.created',
  collectionUpdated: 'product-collection.updated',
  collectionDeleted: 'product-collection.deleted',
  /** A tag was created, renamed or deleted. */
  tagChanged: 'product-tag.changed',
  /** A product type was created, renamed or deleted. */
  typeChanged: 'product-type.changed',
} as const
