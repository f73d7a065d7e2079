// Money: integers in the currency's minor unit with the currency code beside them. Every rounding of
// money happens here, half away from zero, so totals agree wherever they are computed.

/** Digits after the decimal point for a currency (USD 2, JPY 0, KWD 3), from the platform's ICU data. */
export function currencyExponent(currencyCode: string): number {
  const cached = exponents.get(currencyCode)
  if (cached !== undefined) return cached
  const exponent = new Intl.NumberFormat('en', {
    style: 'currency',
    currency: currencyCode.toUpperCase(),
  }).resolvedOptions().maximumFractionDigits as number
  exponents.set(currencyCode, exponent)
  return exponent
}
const exponents = new Map<string, number>()

/** A fractional amount of minor units rounded to a whole one, half away from zero. */
export function roundMinor(amount: number): number {
  const rounded = Math.round(Math.abs(amount) + Number.EPSILON * Math.abs(amount))
  return amount < 0 ? -rounded : rounded
}

/** `rate` (0.2 for 20 %) of an amount, rounded. */
export function percentOf(amount: number, rate: number): number {
  return roundMinor(amount * rate)
}

/** The tax contained in a tax-inclusive amount at `rate`. */
export function taxIncluded(grossAmount: number, rate: number): number {
  return roundMinor(grossAmount - grossAmount / (1 + rate))
}

/**
 * Splits `total` over parts in proportion to their weights, in whole minor units that add up to
 * `total` exactly (largest remainder): a discount spread over line items loses no cent.
 */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  if (sum <= 0) return weights.map(() => 0)
  const exact = weights.map((weight) => (total * weight) / sum)
  const shares = exact.map((value) => Math.floor(value))
  let left = total - shares.reduce((a, b) => a + b, 0)
  const byRemainder = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) }))
  byRemainder.sort((a, b) => b.remainder - a.remainder || a.index - b.index)
  for (const { index } of byRemainder) {
    if (left <= 0) break
    shares[index] = (shares[index] ?? 0) + 1
    left -= 1
  }
  return shares
}

/** A minor-unit amount as a decimal string in major units (1999, 'usd' → '19.99'), for CSV and messages. */
export function toMajorUnits(amount: number, currencyCode: string): string {
  const exponent = currencyExponent(currencyCode)
  const sign = amount < 0 ? '-' : ''
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0')
  return exponent ? `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}` : `${sign}${digits}`
}

/** A price for people: 1999, 'usd', 'en-US' → '$19.99'. */
export function formatMoney(amount: number, currencyCode: string, locale = 'en-US'): string {
  const exponent = currencyExponent(currencyCode)
  return new Intl.NumberFormat(locale, { style: 'currency', currency: currencyCode.toUpperCase() }).format(
    amount / 10 ** exponent,
  )
}
