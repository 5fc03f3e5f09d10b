import { describe, expect, it } from 'vitest'
import { parseDuration } from '../../src/duration.ts'

const S = 1000
const M = 60 * S
const H = 60 * M
const D = 24 * H
const W = 7 * D

describe('parseDuration', () => {
  it.each([
    ['30d', 30 * D],
    ['12h', 12 * H],
    ['90m', 90 * M],
    ['45s', 45 * S],
    ['2w', 2 * W],
    ['1d12h', D + 12 * H],
    ['1w2d3h4m5s', W + 2 * D + 3 * H + 4 * M + 5 * S]
  ])('reads %j as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each([
    ['30D', 30 * D],
    ['12H', 12 * H],
    ['1D12H', D + 12 * H],
    ['2W', 2 * W]
  ])('reads upper case %j as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each([
    [' 30d', 30 * D],
    ['30d ', 30 * D],
    ['  1d12h\t', D + 12 * H],
    ['\n12h\n', 12 * H]
  ])('ignores the spaces around %j', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each(['', '   ', '30', 'd', '1.5d', '-1d', '1y', 'a month', '1d 12h', 'd1', '30 days'])(
    'rejects %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined()
    }
  )

  it.each(['0d', '0s', '0w0d0h', '00h'])('rejects the zero duration %j', (text) => {
    expect(parseDuration(text)).toBeUndefined()
  })

  it('adds a repeated unit up', () => {
    expect(parseDuration('1d1d')).toBe(2 * D)
  })
})
