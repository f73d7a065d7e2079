// Events the promotion module emits.
export const PromotionEvents = {
  created: 'promotion.created',
  updated: 'promotion.updated',
  deleted: 'promotion.deleted',
} as const
