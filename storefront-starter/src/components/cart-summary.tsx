// The money part of a cart or order: subtotal, discounts, shipping, tax and total, as Medusa names them.
import { formatMoney } from '../lib/money'

interface Totals {
  currency_code: string
  subtotal?: number | null
  item_subtotal?: number | null
  discount_total?: number | null
  shipping_total?: number | null
  tax_total?: number | null
  total?: number | null
}

export function TotalsTable({ totals }: { totals: Totals }) {
  const money = (amount: number | null | undefined) => formatMoney(amount ?? 0, totals.currency_code)
  return (
    <dl className="totals">
      <div>
        <dt>Subtotal</dt>
        <dd>{money(totals.item_subtotal ?? totals.subtotal)}</dd>
      </div>
      {Boolean(totals.discount_total) && (
        <div>
          <dt>Discount</dt>
          <dd>−{money(totals.discount_total)}</dd>
        </div>
      )}
      <div>
        <dt>Shipping</dt>
        <dd>{money(totals.shipping_total)}</dd>
      </div>
      <div>
        <dt>Tax</dt>
        <dd>{money(totals.tax_total)}</dd>
      </div>
      <div className="grand-total">
        <dt>Total</dt>
        <dd data-testid="total">{money(totals.total)}</dd>
      </div>
    </dl>
  )
}
