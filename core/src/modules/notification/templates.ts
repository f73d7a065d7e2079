// The default message templates (handlebars) for every kind of message, the responsive email layout
// that wraps them, and rendering. A merchant's override (stored per template, channel and locale)
// replaces a default's parts; the layout stays.
import Handlebars from 'handlebars'
import { LRUCache } from 'lru-cache'
import { formatMoney } from '../../infra/money'
import { InvalidDataError } from '../../kernel/errors'
import type { NotificationChannel } from './provider'

export const TEMPLATE_IDS = [
  'order_confirmation',
  'order_shipped',
  'order_canceled',
  'refund_issued',
  'welcome',
  'email_verification',
  'otp_code',
  'password_reset',
  'offer',
] as const
export type TemplateId = (typeof TEMPLATE_IDS)[number]

export const DEFAULT_LOCALE = 'en'

/** One channel's parts of a template: email has a subject, HTML and text; SMS has text only. */
export interface TemplateParts {
  subject?: string | null
  html?: string | null
  text: string
}

export interface RenderedMessage {
  subject?: string
  html?: string
  text: string
}

interface DefaultTemplate {
  description: string
  email: Required<{ subject: string; html: string; text: string }>
  sms: { text: string }
  /** Data the preview renders with. */
  sample: Record<string, unknown>
}

const sampleOrder = {
  id: 'order_01SAMPLE',
  display_id: 1042,
  email: 'ada@example.com',
  currency_code: 'eur',
  items: [
    { title: 'Linen shirt', variant_title: 'M / Sand', quantity: 1, unit_price: 5900, total: 5900 },
    { title: 'Canvas tote', variant_title: null, quantity: 2, unit_price: 1850, total: 3700 },
  ],
  subtotal: 9600,
  shipping_total: 495,
  tax_total: 1824,
  discount_total: 0,
  total: 10095,
  shipping_address: {
    first_name: 'Ada',
    last_name: 'Lovelace',
    address_1: '12 St James Square',
    city: 'London',
    postal_code: 'SW1Y 4JH',
    country_code: 'gb',
  },
}
const sampleCustomer = {
  id: 'cus_01SAMPLE',
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@example.com',
}

const itemsTable = `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" class="items">
  {{#each order.items}}
  <tr>
    <td class="item">{{title}}{{#if variant_title}}<br><span class="muted">{{variant_title}}</span>{{/if}}</td>
    <td class="qty">× {{quantity}}</td>
    <td class="amount">{{money total ../order.currency_code}}</td>
  </tr>
  {{/each}}
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" class="totals">
  <tr><td>Subtotal</td><td class="amount">{{money order.subtotal order.currency_code}}</td></tr>
  {{#if order.discount_total}}<tr><td>Discount</td><td class="amount">−{{money order.discount_total order.currency_code}}</td></tr>{{/if}}
  <tr><td>Shipping</td><td class="amount">{{money order.shipping_total order.currency_code}}</td></tr>
  <tr><td>Tax</td><td class="amount">{{money order.tax_total order.currency_code}}</td></tr>
  <tr class="grand"><td>Total</td><td class="amount">{{money order.total order.currency_code}}</td></tr>
</table>`

const itemsText = `{{#each order.items}}- {{title}}{{#if variant_title}} ({{variant_title}}){{/if}} × {{quantity}}: {{money total ../order.currency_code}}
{{/each}}
Subtotal: {{money order.subtotal order.currency_code}}
Shipping: {{money order.shipping_total order.currency_code}}
Tax: {{money order.tax_total order.currency_code}}
Total: {{money order.total order.currency_code}}`

const greeting = 'Hi{{#if customer.first_name}} {{customer.first_name}}{{/if}},'

export const DEFAULT_TEMPLATES: Record<TemplateId, DefaultTemplate> = {
  order_confirmation: {
    description: 'Sent when an order is placed',
    email: {
      subject: 'Your {{shop.name}} order #{{order.display_id}} is confirmed',
      html: `<h1>Thank you for your order</h1>
<p>${greeting}</p>
<p>We have received your order <strong>#{{order.display_id}}</strong> and are getting it ready. We will email you again when it ships.</p>
${itemsTable}
{{#with order.shipping_address}}<p class="muted">Shipping to {{first_name}} {{last_name}}, {{address_1}}, {{postal_code}} {{city}}</p>{{/with}}`,
      text: `Thank you for your order

${greeting}

We have received your order #{{order.display_id}} and are getting it ready. We will email you again when it ships.

${itemsText}`,
    },
    sms: {
      text: '{{shop.name}}: order #{{order.display_id}} confirmed, total {{money order.total order.currency_code}}.',
    },
    sample: { order: sampleOrder, customer: sampleCustomer },
  },
  order_shipped: {
    description: 'Sent when a shipment of an order leaves, with its tracking numbers',
    email: {
      subject: 'Your {{shop.name}} order #{{order.display_id}} is on its way',
      html: `<h1>Your order is on its way</h1>
<p>${greeting}</p>
<p>Good news: your order <strong>#{{order.display_id}}</strong> has shipped.</p>
{{#if tracking}}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" class="items">
  {{#each tracking}}
  <tr><td class="item">{{#if carrier}}{{carrier}} {{/if}}tracking number <strong>{{number}}</strong></td>
  <td class="amount">{{#if url}}<a class="button" href="{{url}}">Track package</a>{{/if}}</td></tr>
  {{/each}}
</table>{{/if}}`,
      text: `Your order is on its way

${greeting}

Good news: your order #{{order.display_id}} has shipped.
{{#each tracking}}
{{#if carrier}}{{carrier}} {{/if}}tracking number: {{number}}{{#if url}} ({{url}}){{/if}}
{{/each}}`,
    },
    sms: {
      text: '{{shop.name}}: order #{{order.display_id}} has shipped.{{#each tracking}} Tracking {{number}}{{#if url}} {{url}}{{/if}}.{{/each}}',
    },
    sample: {
      order: sampleOrder,
      customer: sampleCustomer,
      tracking: [
        {
          number: '1Z999AA10123456784',
          url: 'https://tracking.example.com/1Z999AA10123456784',
          carrier: 'UPS',
        },
      ],
    },
  },
  order_canceled: {
    description: 'Sent when an order is canceled',
    email: {
      subject: 'Your {{shop.name}} order #{{order.display_id}} was canceled',
      html: `<h1>Your order was canceled</h1>
<p>${greeting}</p>
<p>Your order <strong>#{{order.display_id}}</strong> has been canceled. If you were charged, the payment will be refunded to your original payment method.</p>
<p class="muted">Questions? Just reply to this email.</p>`,
      text: `Your order was canceled

${greeting}

Your order #{{order.display_id}} has been canceled. If you were charged, the payment will be refunded to your original payment method.`,
    },
    sms: { text: '{{shop.name}}: order #{{order.display_id}} was canceled.' },
    sample: { order: sampleOrder, customer: sampleCustomer },
  },
  refund_issued: {
    description: 'Sent when a refund is issued on an order',
    email: {
      subject: 'A refund of {{money refund.amount refund.currency_code}} is on its way',
      html: `<h1>Your refund is on its way</h1>
<p>${greeting}</p>
<p>We have refunded <strong>{{money refund.amount refund.currency_code}}</strong> for your order <strong>#{{order.display_id}}</strong>.{{#if refund.reason}} Reason: {{refund.reason}}.{{/if}}</p>
<p class="muted">Depending on your bank, it may take 5–10 business days to appear on your statement.</p>`,
      text: `Your refund is on its way

${greeting}

We have refunded {{money refund.amount refund.currency_code}} for your order #{{order.display_id}}.{{#if refund.reason}} Reason: {{refund.reason}}.{{/if}}
Depending on your bank, it may take 5-10 business days to appear on your statement.`,
    },
    sms: {
      text: '{{shop.name}}: we refunded {{money refund.amount refund.currency_code}} for order #{{order.display_id}}.',
    },
    sample: {
      order: sampleOrder,
      customer: sampleCustomer,
      refund: { amount: 3700, currency_code: 'eur', reason: 'Returned item' },
    },
  },
  welcome: {
    description: 'Sent when a customer creates an account',
    email: {
      subject: 'Welcome to {{shop.name}}',
      html: `<h1>Welcome to {{shop.name}}</h1>
<p>${greeting}</p>
<p>Your account is ready. You can follow your orders, save addresses and check out faster.</p>
{{#if shop.url}}<p><a class="button" href="{{shop.url}}">Start shopping</a></p>{{/if}}`,
      text: `Welcome to {{shop.name}}

${greeting}

Your account is ready. You can follow your orders, save addresses and check out faster.{{#if shop.url}}
{{shop.url}}{{/if}}`,
    },
    sms: { text: 'Welcome to {{shop.name}}! Your account is ready.' },
    sample: { customer: sampleCustomer },
  },
  email_verification: {
    description: 'Asks a customer to confirm their email address',
    email: {
      subject: 'Confirm your email address for {{shop.name}}',
      html: `<h1>Confirm your email address</h1>
<p>${greeting}</p>
<p>Please confirm that this is your email address.</p>
{{#if verification_url}}<p><a class="button" href="{{verification_url}}">Confirm email address</a></p>{{/if}}
{{#if code}}<p>Or enter this code: <strong class="code">{{code}}</strong></p>{{/if}}
<p class="muted">If you did not create an account, you can ignore this email.</p>`,
      text: `Confirm your email address

${greeting}

Please confirm that this is your email address.{{#if verification_url}}
{{verification_url}}{{/if}}{{#if code}}
Code: {{code}}{{/if}}

If you did not create an account, you can ignore this email.`,
    },
    sms: { text: '{{shop.name}}: your verification code is {{code}}.' },
    sample: {
      customer: sampleCustomer,
      verification_url: 'https://shop.example.com/verify?token=sample',
      code: '482913',
    },
  },
  otp_code: {
    description: 'A one-time sign-in code',
    email: {
      subject: 'Your {{shop.name}} sign-in code: {{code}}',
      html: `<h1>Your sign-in code</h1>
<p>Use this code to sign in to {{shop.name}}:</p>
<p class="code">{{code}}</p>
<p class="muted">It expires in {{#if expires_in_minutes}}{{expires_in_minutes}}{{else}}10{{/if}} minutes. If you did not ask for it, you can ignore this email.</p>`,
      text: `Your sign-in code for {{shop.name}}: {{code}}

It expires in {{#if expires_in_minutes}}{{expires_in_minutes}}{{else}}10{{/if}} minutes. If you did not ask for it, you can ignore this message.`,
    },
    sms: {
      text: '{{code}} is your {{shop.name}} code. It expires in {{#if expires_in_minutes}}{{expires_in_minutes}}{{else}}10{{/if}} minutes.',
    },
    sample: { code: '482913', expires_in_minutes: 10 },
  },
  password_reset: {
    description: 'A link to choose a new password',
    email: {
      subject: 'Reset your {{shop.name}} password',
      html: `<h1>Reset your password</h1>
<p>${greeting}</p>
<p>We received a request to reset your password. The link works once and expires soon.</p>
<p><a class="button" href="{{reset_url}}">Choose a new password</a></p>
<p class="muted">If you did not ask for this, you can ignore this email: your password stays the same.</p>`,
      text: `Reset your password

${greeting}

We received a request to reset your password. The link works once and expires soon:
{{reset_url}}

If you did not ask for this, you can ignore this email: your password stays the same.`,
    },
    sms: { text: '{{shop.name}}: reset your password at {{reset_url}}' },
    sample: { customer: sampleCustomer, reset_url: 'https://shop.example.com/reset-password?token=sample' },
  },
  offer: {
    description: 'A marketing offer sent by a campaign, with a promotion code and an unsubscribe link',
    email: {
      subject: '{{#if headline}}{{headline}}{{else}}A little something from {{shop.name}}{{/if}}',
      html: `<h1>{{#if headline}}{{headline}}{{else}}A little something for you{{/if}}</h1>
<p>${greeting}</p>
<p>{{#if message}}{{message}}{{else}}As a thank you for being with us, here is a code for your next order.{{/if}}</p>
{{#if promotion_code}}<p class="code">{{promotion_code}}</p>{{/if}}
{{#if shop.url}}<p><a class="button" href="{{shop.url}}">Shop now</a></p>{{/if}}`,
      text: `{{#if headline}}{{headline}}{{else}}A little something for you{{/if}}

${greeting}

{{#if message}}{{message}}{{else}}As a thank you for being with us, here is a code for your next order.{{/if}}{{#if promotion_code}}
Code: {{promotion_code}}{{/if}}`,
    },
    sms: {
      text: '{{shop.name}}: {{#if message}}{{message}}{{else}}a gift for you{{/if}}{{#if promotion_code}} Code {{promotion_code}}{{/if}}',
    },
    sample: {
      customer: sampleCustomer,
      promotion_code: 'THANKYOU15',
      headline: '15% off your next order',
      message: 'Use the code below at checkout until the end of the month.',
      unsubscribe_url: 'https://shop.example.com/store/notifications/unsubscribe?token=sample',
    },
  },
}

const LAYOUT = `<!doctype html>
<html lang="{{locale}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>{{subject}}</title>
<style>
  body { margin: 0; padding: 0; background: #f4f4f5; -webkit-text-size-adjust: 100%; }
  .wrapper { width: 100%; background: #f4f4f5; padding: 24px 0; }
  .card { max-width: 600px; margin: 0 auto; background: #ffffff; border-radius: 8px; overflow: hidden; font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; color: #18181b; font-size: 16px; line-height: 1.5; }
  .header { padding: 24px 32px; border-bottom: 1px solid #e4e4e7; font-size: 20px; font-weight: 600; letter-spacing: -0.01em; }
  .header a { color: #18181b; text-decoration: none; }
  .content { padding: 32px; }
  h1 { font-size: 24px; line-height: 1.3; margin: 0 0 16px; }
  p { margin: 0 0 16px; }
  .muted { color: #71717a; font-size: 14px; }
  .items, .totals { margin: 16px 0; border-collapse: collapse; }
  .items td { padding: 12px 0; border-bottom: 1px solid #f4f4f5; vertical-align: top; }
  .totals td { padding: 4px 0; }
  .totals .grand td { font-weight: 600; border-top: 1px solid #e4e4e7; padding-top: 12px; }
  .qty { width: 48px; color: #71717a; text-align: right; padding-right: 12px !important; }
  .amount { text-align: right; white-space: nowrap; }
  .button { display: inline-block; background: #18181b; color: #ffffff !important; text-decoration: none; padding: 12px 20px; border-radius: 6px; font-weight: 600; }
  .code { font-size: 28px; font-weight: 700; letter-spacing: 0.2em; font-family: 'SFMono-Regular', Menlo, Consolas, monospace; }
  .footer { max-width: 600px; margin: 0 auto; padding: 16px 32px; font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size: 12px; color: #a1a1aa; text-align: center; }
  .footer a { color: #71717a; }
  @media (max-width: 620px) { .content, .header { padding: 20px; } h1 { font-size: 20px; } }
</style>
</head>
<body>
<div class="wrapper">
  <div class="card">
    <div class="header">{{#if shop.url}}<a href="{{shop.url}}">{{shop.name}}</a>{{else}}{{shop.name}}{{/if}}</div>
    <div class="content">{{{body}}}</div>
  </div>
  <div class="footer">
    <p>© {{year}} {{shop.name}}</p>
    {{#if unsubscribe_url}}<p>You receive this email because you agreed to hear from {{shop.name}}. <a href="{{{unsubscribe_url}}}">Unsubscribe</a></p>{{/if}}
  </div>
</div>
</body>
</html>`

const handlebars = Handlebars.create()
handlebars.registerHelper(
  'money',
  (amount: unknown, currency: unknown, options: { data?: { root?: { locale?: string } } }) => {
    if (typeof amount !== 'number' || typeof currency !== 'string') return ''
    const locale = options?.data?.root?.locale
    try {
      return formatMoney(amount, currency, locale && locale.length > 2 ? locale : 'en-US')
    } catch {
      return formatMoney(amount, currency)
    }
  },
)

const compiled = new LRUCache<string, HandlebarsTemplateDelegate>({ max: 500 })

function compile(source: string, html: boolean): HandlebarsTemplateDelegate {
  const key = `${html ? 'h' : 't'}:${source}`
  let template = compiled.get(key)
  if (!template) {
    template = handlebars.compile(source, { noEscape: !html, strict: false })
    compiled.set(key, template)
  }
  return template
}

/** Checks that a merchant's template compiles, naming the part that does not. */
export function validateTemplateParts(parts: TemplateParts): void {
  for (const [name, source] of Object.entries(parts)) {
    if (typeof source !== 'string') continue
    try {
      handlebars.precompile(source)
    } catch (error) {
      throw new InvalidDataError(`The ${name} template does not compile: ${(error as Error).message}`)
    }
  }
}

export function defaultParts(template: TemplateId, channel: NotificationChannel): TemplateParts {
  const definition = DEFAULT_TEMPLATES[template]
  return channel === 'email' ? { ...definition.email } : { text: definition.sms.text }
}

export function isTemplateId(value: string): value is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(value)
}

/** Renders one channel's parts with the data; an email's HTML is wrapped in the layout with the shop name. */
export function renderMessage(
  parts: TemplateParts,
  channel: NotificationChannel,
  data: Record<string, unknown>,
): RenderedMessage {
  const context = { year: new Date().getUTCFullYear(), ...data }
  try {
    const text = compile(parts.text, false)(context).trim()
    if (channel === 'sms') return { text }
    const subject = parts.subject
      ? compile(parts.subject, false)(context).replace(/\s+/g, ' ').trim()
      : undefined
    const body = parts.html ? compile(parts.html, true)(context) : undefined
    const html = body === undefined ? undefined : compile(LAYOUT, true)({ ...context, subject, body })
    return { subject, html, text }
  } catch (error) {
    throw new InvalidDataError(`The template could not be rendered: ${(error as Error).message}`)
  }
}
