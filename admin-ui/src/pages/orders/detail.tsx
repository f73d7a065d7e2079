// One order: what was bought, its money (capture, refund), its fulfilments (create, ship with tracking,
// mark delivered), returns, cancelling, and the timeline of everything that happened to it.
import { type ReactNode, useRef, useState } from 'react'
import { Link, useParams } from 'react-router'
import { api } from '../../api'
import { formatDate, formatMoney, fromMinorUnits, toMinorUnits } from '../../format'
import { useResource } from '../../hooks'
import type { Fulfillment, Order, OrderItem, OrderReturn } from '../../types'
import { CheckboxField, errorsOf, type FieldErrors, Form, TextField, useForm } from '../../ui/form'
import { Badge, DataTable, ErrorNotice, Loading, PageHeader, Section } from '../../ui/page'

export function OrderDetailPage() {
  const { id } = useParams() as { id: string }
  const order = useResource<{ order: Order }>(`/admin/orders/${id}`)
  if (order.error && !order.data) return <ErrorNotice error={order.error} />
  if (!order.data) return <Loading />
  return <OrderView order={order.data.order} reload={order.reload} />
}

/**
 * One order action: its form, and a sender that posts once per attempt (an Idempotency-Key each), then
 * empties the action's fields (so a second click is a new action, not a repeat) and reloads the order.
 */
function useAction(orderId: string, reload: () => Promise<void>) {
  const form = useForm()
  const key = useRef(crypto.randomUUID())
  const send =
    (path: string, body: () => unknown = () => ({}), reset?: () => void) =>
    async () => {
      await api('POST', `/admin/orders/${orderId}${path}`, body(), { idempotencyKey: key.current })
      key.current = crypto.randomUUID()
      reset?.()
      await reload()
    }
  return { form, send }
}

/** Actions sit below their fields, in the narrow panels of the order page. */
const ACTIONS = 'order-actions'

/** What was captured and not yet refunded: the most a refund may be. */
function refundableOf(order: Order): number {
  return order.payments.reduce((sum, payment) => sum + payment.captured_amount - payment.refunded_amount, 0)
}

/** An amount typed in the order's currency: its error unless it is more than nothing and at most `most`. */
function amountError(text: string, currency: string, most: number): string | undefined {
  const amount = toMinorUnits(text, currency)
  if (amount === undefined || amount <= 0) return 'Enter an amount like 12.50.'
  if (amount > most) return `At most ${formatMoney(most, currency)}.`
  return undefined
}

function OrderView({ order, reload }: { order: Order; reload: () => Promise<void> }) {
  const money = (amount: number) => formatMoney(amount, order.currency_code)
  const canceled = order.status === 'canceled'
  return (
    <>
      <PageHeader
        title={`Order #${order.display_id}`}
        subtitle={
          <>
            {formatDate(order.created_at)} · {order.email ?? 'no email'} ·{' '}
            <Link to="/orders">Back to orders</Link>
          </>
        }
        actions={
          <div className="badges">
            <Badge value={order.status} />
            <Badge value={order.payment_status} />
            <Badge value={order.fulfillment_status} />
          </div>
        }
      />
      <div className="two-columns">
        <div>
          <Section title="Items">
            <DataTable
              columns={[
                'Item',
                { label: 'Quantity', numeric: true },
                { label: 'Price', numeric: true },
                { label: 'Progress', wide: true },
              ]}
            >
              {order.items.map((item) => (
                <tr key={item.id}>
                  <td>
                    {item.title}
                    {item.variant_title && <span className="muted small block">{item.variant_title}</span>}
                  </td>
                  <td className="numeric">{item.quantity}</td>
                  <td className="numeric">{money(item.unit_price * item.quantity)}</td>
                  <td className="hide-sm small">{progressOf(item)}</td>
                </tr>
              ))}
            </DataTable>
            <dl className="totals">
              <dt>Subtotal</dt>
              <dd>{money(order.item_total)}</dd>
              <dt>Shipping</dt>
              <dd>{money(order.shipping_total)}</dd>
              {order.discount_total > 0 && (
                <>
                  <dt>Discount</dt>
                  <dd>−{money(order.discount_total)}</dd>
                </>
              )}
              <dt>Tax</dt>
              <dd>{money(order.tax_total)}</dd>
              <dt className="strong">Total</dt>
              <dd className="strong">{money(order.total)}</dd>
              <dt>Paid</dt>
              <dd>{money(order.summary.paid_total)}</dd>
              {order.summary.refunded_total > 0 && (
                <>
                  <dt>Refunded</dt>
                  <dd>{money(order.summary.refunded_total)}</dd>
                </>
              )}
            </dl>
          </Section>
          {!canceled && <FulfilmentSection order={order} reload={reload} />}
          <ReturnsSection order={order} reload={reload} />
        </div>
        <div>
          <PaymentSection order={order} reload={reload} />
          <Section title="Customer">
            <p>{order.email ?? '—'}</p>
            {order.customer_id && (
              <p className="small">
                <Link to={`/customers/${order.customer_id}`}>View customer</Link>
              </p>
            )}
            <Address title="Shipping address" address={order.shipping_address} />
            {order.shipping_methods.map((method) => (
              <p key={method.id} className="muted small">
                {method.name} · {money(method.amount)}
              </p>
            ))}
          </Section>
          {!canceled && order.fulfillment_status === 'not_fulfilled' && (
            <CancelSection order={order} reload={reload} />
          )}
          <Timeline order={order} />
        </div>
      </div>
    </>
  )
}

function progressOf(item: OrderItem): string {
  const { fulfilled_quantity, shipped_quantity, delivered_quantity, return_requested_quantity } = item.detail
  const parts = [
    fulfilled_quantity && `${fulfilled_quantity} fulfilled`,
    shipped_quantity && `${shipped_quantity} shipped`,
    delivered_quantity && `${delivered_quantity} delivered`,
    return_requested_quantity && `${return_requested_quantity} returning`,
  ].filter(Boolean)
  return parts.join(', ') || 'not fulfilled'
}

function Address({ title, address }: { title: string; address: Record<string, unknown> | null }) {
  if (!address) return null
  const line = (...keys: string[]) =>
    keys
      .map((key) => address[key])
      .filter((value) => typeof value === 'string' && value)
      .join(' ')
  const lines = [
    line('first_name', 'last_name'),
    line('company'),
    line('address_1'),
    line('address_2'),
    line('postal_code', 'city'),
    line('province'),
    String(address.country_code ?? '').toUpperCase(),
    line('phone'),
  ].filter(Boolean)
  return (
    <>
      <h3>{title}</h3>
      <address>
        {lines.map((text) => (
          <span key={text} className="block">
            {text}
          </span>
        ))}
      </address>
    </>
  )
}

function PaymentSection({ order, reload }: { order: Order; reload: () => Promise<void> }) {
  const capture = useAction(order.id, reload)
  const refund = useAction(order.id, reload)
  const currency = order.currency_code
  const capturable = order.payments.reduce((sum, payment) => sum + payment.capturable_amount, 0)
  const refundable = refundableOf(order)
  const [captureAmount, setCaptureAmount] = useState('')
  const [refundAmount, setRefundAmount] = useState('')
  const [note, setNote] = useState('')

  return (
    <Section title="Payment">
      {order.payments.length === 0 && <p className="muted">No payment on this order.</p>}
      {order.payments.map((payment) => (
        <p key={payment.id} className="small">
          {payment.provider_id}: {formatMoney(payment.amount, currency)} authorized,{' '}
          {formatMoney(payment.captured_amount, currency)} captured
          {payment.refunded_amount > 0 && `, ${formatMoney(payment.refunded_amount, currency)} refunded`}
        </p>
      ))}
      {capturable > 0 && order.status !== 'canceled' && (
        <Form
          form={capture.form}
          check={() =>
            errorsOf({ amount: captureAmount ? amountError(captureAmount, currency, capturable) : undefined })
          }
          send={capture.send(
            '/capture',
            () => (captureAmount ? { amount: toMinorUnits(captureAmount, currency) } : {}),
            () => setCaptureAmount(''),
          )}
          label="Capture payment"
          submitClassName="full"
          className={ACTIONS}
        >
          <TextField
            label="Amount to capture"
            inputMode="decimal"
            placeholder={fromMinorUnits(capturable, currency)}
            hint="Leave empty to capture everything authorized."
            {...capture.form.field('amount', captureAmount, setCaptureAmount)}
          />
        </Form>
      )}
      {refundable > 0 && (
        <Form
          formClassName="separated"
          form={refund.form}
          check={() =>
            errorsOf({
              amount: refundAmount
                ? amountError(refundAmount, currency, refundable)
                : 'Enter the amount to refund.',
            })
          }
          send={refund.send(
            '/refund',
            () => ({
              amount: toMinorUnits(refundAmount, currency),
              ...(note.trim() && { note: note.trim() }),
            }),
            () => {
              setRefundAmount('')
              setNote('')
            },
          )}
          label="Refund"
          submitClassName="secondary full"
          className={ACTIONS}
        >
          <TextField
            label="Amount to refund"
            inputMode="decimal"
            placeholder={fromMinorUnits(refundable, currency)}
            {...refund.form.field('amount', refundAmount, setRefundAmount)}
          />
          <TextField label="Reason for the refund" {...refund.form.field('note', note, setNote)} />
        </Form>
      )}
    </Section>
  )
}

/**
 * An action on some of the order's items (fulfil, return): a quantity per item, defaulting to all that
 * is `left`, checked before sending, and only the items with a quantity sent.
 */
function ItemsForm({
  order,
  reload,
  left,
  path,
  verb,
  label,
  onDone,
  children,
}: {
  order: Order
  reload: () => Promise<void>
  left: (item: OrderItem) => number
  path: string
  verb: string
  label: string
  onDone?: () => void
  children?: ReactNode
}) {
  const action = useAction(order.id, reload)
  const [values, setValues] = useState<Record<string, string>>({})
  const open = order.items.filter((item) => left(item) > 0)
  const textOf = (item: OrderItem) => (values[item.id] ?? String(left(item))).trim()

  function check(): FieldErrors {
    const errors: FieldErrors = {}
    let total = 0
    for (const item of open) {
      const text = textOf(item)
      if (!/^\d+$/.test(text) || Number(text) > left(item))
        errors[`items.${item.id}`] = `Enter 0 to ${left(item)}.`
      else total += Number(text)
    }
    if (!Object.keys(errors).length && total === 0 && open[0])
      errors[`items.${open[0].id}`] = 'Choose at least one item.'
    return errors
  }

  return (
    <Form
      form={action.form}
      check={check}
      send={action.send(
        path,
        () => ({
          items: open
            .map((item) => ({ id: item.id, quantity: Number(textOf(item)) }))
            .filter((item) => item.quantity > 0),
        }),
        () => {
          setValues({})
          onDone?.()
        },
      )}
      label={label}
      className={ACTIONS}
    >
      {children}
      <div className="quantities">
        {open.map((item) => (
          <TextField
            key={item.id}
            label={`${verb} ${item.title}${item.variant_title ? ` (${item.variant_title})` : ''}`}
            inputMode="numeric"
            hint={`${left(item)} left`}
            {...action.form.field(`items.${item.id}`, values[item.id] ?? String(left(item)), (value) =>
              setValues({ ...values, [item.id]: value }),
            )}
          />
        ))}
      </div>
    </Form>
  )
}

function FulfilmentSection({ order, reload }: { order: Order; reload: () => Promise<void> }) {
  const left = (item: OrderItem) => item.detail.quantity - item.detail.fulfilled_quantity
  const open = order.items.some((item) => left(item) > 0)

  return (
    <Section title="Fulfilment">
      {order.fulfillments.map((fulfillment, index) => (
        <FulfillmentCard
          key={fulfillment.id}
          order={order}
          fulfillment={fulfillment}
          number={index + 1}
          reload={reload}
        />
      ))}
      {open && (
        <ItemsForm
          order={order}
          reload={reload}
          left={left}
          path="/fulfillments"
          verb="Fulfil"
          label="Create fulfillment"
        >
          <h3>New fulfilment</h3>
        </ItemsForm>
      )}
      {!open && order.fulfillments.length === 0 && <p className="muted">Nothing to fulfil.</p>}
    </Section>
  )
}

function FulfillmentCard({
  order,
  fulfillment,
  number,
  reload,
}: {
  order: Order
  fulfillment: Fulfillment
  number: number
  reload: () => Promise<void>
}) {
  const ship = useAction(order.id, reload)
  const deliver = useAction(order.id, reload)
  const [tracking, setTracking] = useState('')
  const titles = new Map(order.items.map((item) => [item.id, item.title]))
  const numbers = tracking
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean)

  return (
    <article className="card-row">
      <header className="row-header">
        <h3>Fulfillment {number}</h3>
        <Badge
          value={fulfillment.delivered_at ? 'delivered' : fulfillment.shipped_at ? 'shipped' : 'fulfilled'}
        />
      </header>
      <p className="small">
        {fulfillment.items
          .map((item) => `${item.quantity} × ${titles.get(item.item_id) ?? item.item_id}`)
          .join(', ')}
      </p>
      {fulfillment.tracking_numbers.length > 0 && (
        <p className="small">Tracking: {fulfillment.tracking_numbers.join(', ')}</p>
      )}
      {fulfillment.shipped_at && <p className="muted small">Shipped {formatDate(fulfillment.shipped_at)}</p>}
      {!fulfillment.shipped_at && (
        <Form
          formClassName="inline"
          form={ship.form}
          check={() =>
            errorsOf({
              tracking_numbers: numbers.every((value) => value.length <= 191)
                ? undefined
                : 'A tracking number is at most 191 characters.',
            })
          }
          send={ship.send(
            `/fulfillments/${fulfillment.id}/shipments`,
            () => ({ tracking_numbers: numbers }),
            () => setTracking(''),
          )}
          label="Mark shipped"
          className={ACTIONS}
        >
          <TextField
            label={`Tracking numbers for fulfillment ${number}`}
            hint="Separate several with commas."
            {...ship.form.field('tracking_numbers', tracking, setTracking)}
          />
        </Form>
      )}
      {fulfillment.shipped_at && !fulfillment.delivered_at && (
        <Form
          form={deliver.form}
          send={deliver.send(`/fulfillments/${fulfillment.id}/mark-as-delivered`)}
          label="Mark delivered"
          submitClassName="secondary"
          className={ACTIONS}
        />
      )}
    </article>
  )
}

function ReturnsSection({ order, reload }: { order: Order; reload: () => Promise<void> }) {
  const [asking, setAsking] = useState(false)
  const left = (item: OrderItem) => item.detail.shipped_quantity - item.detail.return_requested_quantity
  const returnable = order.items.some((item) => left(item) > 0)
  if (!returnable && order.returns.length === 0) return null

  return (
    <Section
      title="Returns"
      actions={
        returnable &&
        !asking && (
          <button type="button" className="secondary" onClick={() => setAsking(true)}>
            Request return
          </button>
        )
      }
    >
      {order.returns.map((entry, index) => (
        <ReturnCard key={entry.id} order={order} entry={entry} number={index + 1} reload={reload} />
      ))}
      {asking && returnable && (
        <ItemsForm
          order={order}
          reload={reload}
          left={left}
          path="/returns"
          verb="Return"
          label="Request return"
          onDone={() => setAsking(false)}
        />
      )}
    </Section>
  )
}

function ReturnCard({
  order,
  entry,
  number,
  reload,
}: {
  order: Order
  entry: OrderReturn
  number: number
  reload: () => Promise<void>
}) {
  const receive = useAction(order.id, reload)
  const [restock, setRestock] = useState(true)
  const [refund, setRefund] = useState('')
  const titles = new Map(order.items.map((item) => [item.id, item.title]))
  const currency = order.currency_code

  return (
    <article className="card-row">
      <header className="row-header">
        <h3>Return {number}</h3>
        <Badge value={entry.status} />
      </header>
      <p className="small">
        {entry.items
          .map((item) => `${item.quantity} × ${titles.get(item.item_id) ?? item.item_id}`)
          .join(', ')}
      </p>
      {entry.received_at && (
        <p className="muted small">
          Received {formatDate(entry.received_at)}
          {entry.restocked && ', restocked'}
          {entry.refund_amount > 0 && `, ${formatMoney(entry.refund_amount, currency)} refunded`}
        </p>
      )}
      {entry.status === 'requested' && (
        <Form
          form={receive.form}
          check={() =>
            errorsOf({
              refund_amount: refund ? amountError(refund, currency, refundableOf(order)) : undefined,
            })
          }
          send={receive.send(
            `/returns/${entry.id}/receive`,
            () => ({ restock, ...(refund && { refund_amount: toMinorUnits(refund, currency) }) }),
            () => setRefund(''),
          )}
          label="Receive return"
          className={ACTIONS}
        >
          <CheckboxField label="Put the items back in stock" checked={restock} onChange={setRestock} />
          <TextField
            label={`Refund for return ${number}`}
            inputMode="decimal"
            hint="Leave empty to refund nothing now."
            {...receive.form.field('refund_amount', refund, setRefund)}
          />
        </Form>
      )}
    </article>
  )
}

function CancelSection({ order, reload }: { order: Order; reload: () => Promise<void> }) {
  const cancel = useAction(order.id, reload)
  const send = cancel.send('/cancel')
  return (
    <Section title="Cancel order">
      <Form
        form={cancel.form}
        send={async () => {
          if (
            window.confirm(`Cancel order #${order.display_id}? Its stock is released and its payment voided.`)
          )
            await send()
        }}
        label="Cancel order"
        submitClassName="danger full"
        className={ACTIONS}
      >
        <p className="muted small">Releases the stock and voids or refunds the payment.</p>
      </Form>
    </Section>
  )
}

const EVENT_LABELS: Record<string, string> = {
  'order.placed': 'Order placed',
  'order.canceled': 'Order canceled',
  'order.payment_captured': 'Payment captured',
  'order.refunded': 'Refunded',
  'order.fulfillment_created': 'Fulfillment created',
  'order.shipment_created': 'Shipped',
  'order.delivered': 'Delivered',
  'order.return_requested': 'Return requested',
  'order.return_received': 'Return received',
  'order.customer_linked': 'Linked to the customer’s account',
}

function Timeline({ order }: { order: Order }) {
  const entries = [...(order.timeline ?? [])].reverse()
  return (
    <Section title="Timeline">
      {entries.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <ol className="timeline">
          {entries.map((entry) => (
            <li key={entry.id}>
              <span className="timeline-event">{EVENT_LABELS[entry.event] ?? entry.event}</span>
              {describe(entry.data, order.currency_code) && (
                <span className="small block">{describe(entry.data, order.currency_code)}</span>
              )}
              <time className="muted small block" dateTime={entry.created_at}>
                {formatDate(entry.created_at)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </Section>
  )
}

function describe(data: Record<string, unknown>, currency: string): string {
  const parts: string[] = []
  if (typeof data.total === 'number') parts.push(formatMoney(data.total, currency))
  if (typeof data.amount === 'number') parts.push(formatMoney(data.amount, currency))
  if (typeof data.refund_amount === 'number' && data.refund_amount > 0)
    parts.push(`${formatMoney(data.refund_amount, currency)} refunded`)
  if (Array.isArray(data.items)) {
    const count = data.items.reduce(
      (sum: number, item: { quantity?: number }) => sum + (item.quantity ?? 0),
      0,
    )
    parts.push(`${count} item${count === 1 ? '' : 's'}`)
  }
  if (Array.isArray(data.tracking_numbers) && data.tracking_numbers.length)
    parts.push(`tracking ${data.tracking_numbers.join(', ')}`)
  if (typeof data.note === 'string' && data.note) parts.push(data.note)
  return parts.join(' · ')
}
