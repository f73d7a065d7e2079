// Prices arrive as integers in the currency's minor unit (cents); the shop shows them in the
// shopper's currency. One locale on server and browser, so the rendered HTML matches on hydration.
const LOCALE = 'en-US'
const formats = new Map<string, Intl.NumberFormat>()

function formatFor(currency: string): Intl.NumberFormat {
  const code = currency.toUpperCase()
  let format = formats.get(code)
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: code })
    formats.set(code, format)
  }
  return format
}

export function formatMoney(amount: number, currency: string): string {
  const format = formatFor(currency)
  const exponent = format.resolvedOptions().maximumFractionDigits ?? 2
  return format.format(amount / 10 ** exponent)
}

/** Major units with a dot (e.g. 49.00), as structured data wants them. */
export function decimalAmount(amount: number, currency: string): string {
  const exponent = formatFor(currency).resolvedOptions().maximumFractionDigits ?? 2
  return (amount / 10 ** exponent).toFixed(exponent)
}
