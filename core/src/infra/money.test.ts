import { describe, expect, it } from 'vitest'
import {
  allocate,
  currencyExponent,
  formatMoney,
  percentOf,
  roundMinor,
  taxIncluded,
  toMajorUnits,
} from './money'

describe('money', () => {
  it('knows each currency’s minor unit', () => {
    expect([currencyExponent('usd'), currencyExponent('JPY'), currencyExponent('kwd')]).toEqual([2, 0, 3])
  })

  it('rounds half away from zero', () => {
    expect([roundMinor(2.5), roundMinor(-2.5), roundMinor(2.4999), roundMinor(1.005 * 100)]).toEqual([
      3, -3, 2, 101,
    ])
  })

  it('takes percentages and the tax inside a gross price', () => {
    expect(percentOf(1999, 0.2)).toBe(400)
    expect(taxIncluded(1200, 0.2)).toBe(200)
  })

  it('splits an amount over weights without losing a cent', () => {
    const shares = allocate(1000, [1, 1, 1])
    expect(shares).toEqual([334, 333, 333])
    expect(allocate(999, [1999, 2999, 1]).reduce((a, b) => a + b, 0)).toBe(999)
    expect(allocate(50, [0, 0])).toEqual([0, 0])
  })

  it('writes amounts in major units and for people', () => {
    expect([toMajorUnits(1999, 'usd'), toMajorUnits(-5, 'eur'), toMajorUnits(500, 'jpy')]).toEqual([
      '19.99',
      '-0.05',
      '500',
    ])
    expect(formatMoney(1999, 'usd')).toBe('$19.99')
  })
})
