import { describe, expect, it, vi } from 'vitest'
import { ActionError } from '../../src/errors.ts'
import { NetworkError } from '../../src/network-error.ts'
import {
  MAX_RETRY_AFTER_MS,
  backoffMs,
  parseRetryAfter,
  transientNetworkError,
  withRetries,
  type Outcome,
  type RetryDeps
} from '../../src/retry.ts'
import { rejection } from '../support/caught.ts'
import { FakeClock } from '../fakes/clock.ts'

const NOW = Date.UTC(2025, 0, 1, 0, 0, 0)

/** A Node network error as node:http raises it. */
function errno(code: string, message = `connect ${code} 203.0.113.7:443`): Error {
  return Object.assign(new Error(message), { code })
}

/** Randomness that hands out `values` in turn (then repeats the last one). */
function sequence(...values: number[]): () => number {
  let i = 0
  return () => values[Math.min(i++, values.length - 1)] ?? 0
}

function options(overrides: Partial<RetryDeps> = {}) {
  const clock = new FakeClock(NOW)
  const log = vi.fn<(line: string) => void>()
  const opts: RetryDeps = {
    what: 'mint a Personr token',
    retries: 3,
    timeoutMs: 5000,
    clock,
    random: () => 0,
    log,
    ...overrides
  }
  return { opts, clock: opts.clock as FakeClock, log }
}

/** An attempt that plays `outcomes` in order, one per call. */
function scripted<T>(...outcomes: Outcome<T>[]) {
  return vi.fn(async (_signal: AbortSignal): Promise<Outcome<T>> => {
    const next = outcomes.shift()
    if (next === undefined) throw new Error('the attempt was called more often than scripted')
    return next
  })
}

/** An attempt that never answers: it settles only when its deadline signal aborts. */
function hangsUntilDeadline(clock: FakeClock, timeoutMs: number) {
  return (signal: AbortSignal): Promise<never> => {
    const pending = new Promise<never>((_resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true })
    })
    // Time runs out while the request is "in flight"; this fires the deadline synchronously.
    clock.advance(timeoutMs)
    return pending
  }
}

describe('backoffMs', () => {
  const table: [number, number, number][] = [
    [1, 500, 1000],
    [2, 1000, 2000],
    [3, 2000, 4000],
    [4, 4000, 8000],
    [5, 8000, 16_000],
    [6, 15_000, 30_000],
    [7, 15_000, 30_000],
    [8, 15_000, 30_000],
    [9, 15_000, 30_000],
    [10, 15_000, 30_000]
  ]

  it.each(table)('retry %i waits %i ms with random 0 and %i ms with random 1', (n, low, high) => {
    expect(backoffMs(n, () => 0)).toBe(low)
    expect(backoffMs(n, () => 1)).toBe(high)
  })

  it.each(table)('retry %i stays within [%i, %i] for random in between', (n, low, high) => {
    for (const r of [0.01, 0.25, 0.5, 0.75, 0.99]) {
      const wait = backoffMs(n, () => r)
      expect(wait).toBeGreaterThanOrEqual(low)
      expect(wait).toBeLessThanOrEqual(high)
    }
  })

  it('never exceeds 30 s', () => {
    for (let n = 1; n <= 50; n++) expect(backoffMs(n, () => 1)).toBeLessThanOrEqual(30_000)
  })

  it('is a whole number of milliseconds', () => {
    expect(Number.isInteger(backoffMs(3, () => 0.123456))).toBe(true)
  })
})

describe('parseRetryAfter', () => {
  it.each([
    ['0', NOW, 0],
    ['5', NOW, 5000],
    ['120', NOW, 120_000],
    [' 30 ', NOW, 30_000],
    ['Wed, 01 Jan 2025 00:00:30 GMT', NOW, 30_000],
    ['Wed, 01 Jan 2025 00:02:00 GMT', NOW + 60_000, 60_000],
    // A date in the past, or now: no wait.
    ['Tue, 31 Dec 2024 23:59:00 GMT', NOW, 0],
    [new Date(NOW).toUTCString(), NOW, 0]
  ])('reads %j at %i as %i ms', (value, now, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms)
  })

  // RFC 9110 §10.2.3: Retry-After is an HTTP-date or delay-seconds (1*DIGIT); anything else
  // falls back to the client's own backoff instead of not waiting at all. Date.parse would read
  // an HTTP date with more around it as another time.
  it.each([
    'soon',
    'Tomorrow',
    '10 seconds',
    '5s',
    '0x10',
    '1.5',
    '-5',
    '1,5',
    'x Wed, 01 Jan 2025 00:00:30 GMT',
    'Wed, 01 Jan 2025 00:00:30 GMT+0100',
    '',
    '   ',
    undefined
  ])('ignores %j', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined()
  })
})

describe('transientNetworkError', () => {
  it.each([
    'ECONNREFUSED',
    'ECONNRESET',
    'ECONNABORTED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ETIMEDOUT',
    'EPIPE',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'UND_ERR_SOCKET'
  ])('calls %s transient', (code) => {
    expect(transientNetworkError(errno(code))).toBe(`network error ${code}`)
  })

  it.each([
    ['"socket hang up"', new Error('socket hang up'), 'network error: socket hang up'],
    // The transport's own words for a connection closed mid-answer, kept with its code.
    [
      'a connection closed mid-answer',
      new NetworkError('ECONNRESET', 'the connection closed before the answer ended'),
      'network error ECONNRESET: the connection closed before the answer ended'
    ]
  ])('calls %s transient', (_, error, reason) => {
    expect(transientNetworkError(error)).toBe(reason)
  })

  it.each([
    [
      'a plain Error that only says a mid-answer cut',
      new Error('the connection closed before the answer ended')
    ],
    ['an error with an unknown code', errno('EACCES')],
    ['a certificate error', errno('CERT_HAS_EXPIRED', 'certificate has expired')],
    ['a plain Error', new Error('boom')],
    ['an ActionError', new ActionError('Personr refused the credentials')],
    ['a TypeError', new TypeError('Invalid URL')]
  ])('does not call %s transient', (_what, error) => {
    expect(transientNetworkError(error)).toBeUndefined()
  })

  it.each([
    ['a string', 'ECONNRESET'],
    ['an error-like object', { code: 'ECONNRESET', message: 'socket hang up' }],
    ['undefined', undefined],
    ['null', null]
  ])('does not call %s transient', (_what, value) => {
    expect(transientNetworkError(value)).toBeUndefined()
  })
})

describe('withRetries', () => {
  it('returns the result of the first attempt that is done', async () => {
    const { opts, clock, log } = options()
    const attempt = scripted({ done: 'token' })
    await expect(withRetries(attempt, opts)).resolves.toBe('token')
    expect(attempt).toHaveBeenCalledTimes(1)
    expect(clock.sleeps).toEqual([])
    expect(log).not.toHaveBeenCalled()
  })

  it('retries a retry outcome and returns the later result', async () => {
    const { opts, clock } = options()
    const attempt = scripted<string>({ retry: 'HTTP 503' }, { retry: 'HTTP 502' }, { done: 'ok' })
    await expect(withRetries(attempt, opts)).resolves.toBe('ok')
    expect(attempt).toHaveBeenCalledTimes(3)
    expect(clock.sleeps).toHaveLength(2)
  })

  it.each([1, 3, 10])(
    'with retries %i makes exactly retries + 1 attempts, then fails naming the last reason',
    async (retries) => {
      const { opts, clock } = options({ retries })
      let n = 0
      const attempt = vi.fn(async (): Promise<Outcome<string>> => ({ retry: `failure #${++n}` }))
      const error = await rejection(withRetries(attempt, opts))
      expect(error).toBeInstanceOf(ActionError)
      expect(attempt).toHaveBeenCalledTimes(retries + 1)
      expect(clock.sleeps).toHaveLength(retries)
      expect(error.message).toContain(
        `Could not mint a Personr token after ${retries + 1} attempts; the last one failed with failure #${retries + 1}.`
      )
    }
  )

  it('with retries 0 makes one attempt and does not sleep', async () => {
    const { opts, clock, log } = options({ retries: 0 })
    const attempt = scripted<string>({ retry: 'HTTP 503' })
    const error = await rejection(withRetries(attempt, opts))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toBe(
      'Could not mint a Personr token after 1 attempt; the last one failed with HTTP 503. This looks temporary: re-run the job later, or raise `retries`/`timeout` if it keeps happening.'
    )
    expect(error.name).toBe('GaveUpError')
    expect(attempt).toHaveBeenCalledTimes(1)
    expect(clock.sleeps).toEqual([])
    expect(log).not.toHaveBeenCalled()
  })

  it.each([
    [() => 0, [500, 1000, 2000, 4000]],
    [sequence(1, 0.5, 0.25, 0), [1000, 1500, 2500, 4000]]
  ])(
    'waits the backoff of each retry, with the injected randomness (%#)',
    async (random, waits) => {
      const { opts, clock } = options({ retries: 4, random: vi.fn(random) })
      await rejection(
        withRetries(
          vi.fn(async (): Promise<Outcome<string>> => ({ retry: '500' })),
          opts
        )
      )
      expect(clock.sleeps).toEqual(waits)
      expect(opts.random).toHaveBeenCalledTimes(4)
      expect(clock.now()).toBe(NOW + waits.reduce((x, y) => x + y))
    }
  )

  it('waits what Retry-After asked instead of the backoff', async () => {
    const random = vi.fn(() => 0)
    const { opts, clock } = options({ random })
    const attempt = scripted<string>(
      { retry: 'HTTP 429', retryAfterMs: 7000 },
      { retry: 'HTTP 429', retryAfterMs: 0 },
      { retry: 'HTTP 503' },
      { done: 'ok' }
    )
    await expect(withRetries(attempt, opts)).resolves.toBe('ok')
    expect(clock.sleeps).toEqual([7000, 0, 2000])
    expect(random).toHaveBeenCalledTimes(1)
  })

  it(`waits a Retry-After of exactly ${MAX_RETRY_AFTER_MS} ms`, async () => {
    const { opts, clock } = options()
    const attempt = scripted<string>(
      { retry: 'HTTP 429', retryAfterMs: MAX_RETRY_AFTER_MS },
      { done: 'ok' }
    )
    await expect(withRetries(attempt, opts)).resolves.toBe('ok')
    expect(clock.sleeps).toEqual([MAX_RETRY_AFTER_MS])
  })

  it('fails at once, without sleeping, when Retry-After is above the maximum', async () => {
    const { opts, clock, log } = options()
    const attempt = scripted<string>(
      { retry: 'Personr answered 429 Too Many Requests', retryAfterMs: MAX_RETRY_AFTER_MS + 1 },
      { done: 'never reached' }
    )
    const error = await rejection(withRetries(attempt, opts))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toContain(
      'attempt 1 failed with Personr answered 429 Too Many Requests, and the server asked to wait 61 s before retrying, longer than the 60 s this action waits.'
    )
    expect(error.name).toBe('GaveUpError')
    expect(attempt).toHaveBeenCalledTimes(1)
    expect(clock.sleeps).toEqual([])
    expect(log).not.toHaveBeenCalled()
  })

  it('gives each attempt a fresh deadline of timeoutMs', async () => {
    const { opts, clock } = options({ timeoutMs: 5000 })
    const signals: AbortSignal[] = []
    const attempt = vi.fn(async (signal: AbortSignal): Promise<Outcome<string>> => {
      signals.push(signal)
      expect(signal.aborted).toBe(false)
      if (signals.length < 3) return { retry: 'HTTP 503', retryAfterMs: 10_000 }
      clock.advance(4999)
      expect(signal.aborted).toBe(false)
      clock.advance(1)
      expect(signal.aborted).toBe(true)
      return { done: 'ok' }
    })
    await expect(withRetries(attempt, opts)).resolves.toBe('ok')
    expect(new Set(signals).size).toBe(3)
  })

  it('treats an attempt that hangs until its deadline as a timeout: retried, then named', async () => {
    const { opts, clock, log } = options({ timeoutMs: 2500, retries: 1 })
    const attempt = vi.fn(hangsUntilDeadline(clock, 2500))
    const error = await rejection(withRetries(attempt, opts))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toContain(
      'after 2 attempts; the last one failed with no complete answer within 2.5 s'
    )
    expect(log).toHaveBeenCalledWith(
      'Attempt 1 of 2 failed with no complete answer within 2.5 s; retrying in 0.5 s.'
    )
    expect(attempt).toHaveBeenCalledTimes(2)
    expect(clock.now()).toBe(NOW + 2500 + 500 + 2500)
  })

  it('retries a transient network error', async () => {
    const { opts, clock, log } = options()
    let calls = 0
    const attempt = vi.fn(async (): Promise<Outcome<string>> => {
      calls++
      if (calls === 1) throw errno('ECONNRESET', 'read ECONNRESET')
      if (calls === 2) throw new Error('socket hang up')
      return { done: 'ok' }
    })
    await expect(withRetries(attempt, opts)).resolves.toBe('ok')
    expect(attempt).toHaveBeenCalledTimes(3)
    expect(clock.sleeps).toEqual([500, 1000])
    expect(log.mock.calls.map(([line]) => line)).toEqual([
      'Attempt 1 of 4 failed with network error ECONNRESET; retrying in 0.5 s.',
      'Attempt 2 of 4 failed with network error: socket hang up; retrying in 1.0 s.'
    ])
  })

  it.each([
    ['an ActionError', new ActionError('Personr refused the credentials')],
    ['a non-transient network error', errno('CERT_HAS_EXPIRED', 'certificate has expired')],
    ['a TypeError', new TypeError('Invalid URL')]
  ])('lets %s through at once, without retrying', async (_what, thrown) => {
    const { opts, clock, log } = options()
    const attempt = vi.fn(async (): Promise<Outcome<string>> => {
      throw thrown
    })
    await expect(withRetries(attempt, opts)).rejects.toBe(thrown)
    expect(attempt).toHaveBeenCalledTimes(1)
    expect(clock.sleeps).toEqual([])
    expect(log).not.toHaveBeenCalled()
  })

  it('ends with the advice of the last network error instead of "looks temporary"', async () => {
    const error = new NetworkError('ECONNRESET', 'closed', 'Change `api-url` to https://.')
    const failure = await rejection(
      withRetries(() => Promise.reject(error), options({ retries: 1 }).opts)
    )
    expect(failure.message).toBe(
      'Could not mint a Personr token after 2 attempts; the last one failed with network error ECONNRESET: closed. Change `api-url` to https://.'
    )
  })

  it('logs every retry with its reason and wait', async () => {
    const { opts, log } = options({ retries: 3, random: sequence(0, 0.5, 1) })
    const attempt = scripted<string>(
      { retry: 'Personr answered 503 Service Unavailable' },
      { retry: 'Personr answered 429 Too Many Requests', retryAfterMs: 12_340 },
      { retry: 'Personr answered 502 Bad Gateway: an HTML page' },
      { retry: 'the last failure, not logged as a retry' }
    )
    await rejection(withRetries(attempt, opts))
    expect(log.mock.calls.map(([line]) => line)).toEqual([
      'Attempt 1 of 4 failed with Personr answered 503 Service Unavailable; retrying in 0.5 s.',
      'Attempt 2 of 4 failed with Personr answered 429 Too Many Requests; retrying in 12.3 s.',
      'Attempt 3 of 4 failed with Personr answered 502 Bad Gateway: an HTML page; retrying in 3.0 s.'
    ])
  })
})

describe('withRetries under a cancel', () => {
  /** A cancel that leaves `leftMs` from now on the fake clock (Infinity: none yet). */
  function stopping(clock: FakeClock, leftMs = Infinity) {
    const controller = new AbortController()
    const until = clock.now() + leftMs
    const stop = { signal: controller.signal, timeLeft: () => until - clock.now() }
    return { stop, abort: (why: string) => controller.abort(new ActionError(why)) }
  }

  it('throws the reason of a cancel before the attempt (attempting nothing) or during it (not retrying)', async () => {
    const { opts, clock } = options()
    const before = stopping(clock)
    before.abort('cancelled before minting')
    const idle = scripted({ done: 1 })
    const stop = before.stop
    expect((await rejection(withRetries(idle, { ...opts, stop }))).message).toBe(
      'cancelled before minting'
    )
    expect(idle).not.toHaveBeenCalled()
    const during = stopping(clock)
    const attempt = vi.fn(async (signal: AbortSignal) => {
      during.abort('terminated')
      expect(signal.aborted).toBe(true)
      throw errno('ECONNRESET')
    })
    const error = await rejection(withRetries(attempt, { ...opts, stop: during.stop }))
    expect([error.message, attempt.mock.calls.length, clock.sleeps]).toEqual(['terminated', 1, []])
  })

  it('aborts the wait in hand and throws the reason', async () => {
    const { opts, clock } = options()
    const { stop, abort } = stopping(clock)
    const attempt = vi.fn(async (): Promise<Outcome<number>> => {
      abort('cancelled')
      return { retry: '503' }
    })
    expect((await rejection(withRetries(attempt, { ...opts, stop }))).message).toBe('cancelled')
    expect(clock.sleeps).toEqual([500])
  })

  it('cuts the deadline of an attempt to the time the cancel left', async () => {
    const { opts, clock } = options({ timeoutMs: 30_000, retries: 0 })
    const { stop } = stopping(clock, 2000)
    const error = await rejection(withRetries(hangsUntilDeadline(clock, 2000), { ...opts, stop }))
    expect(error.message).toMatch(
      /^Could not mint a Personr token after 1 attempt; the last one failed with no complete answer within 2 s \(all the cancel left\)\./
    )
    expect(clock.now()).toBe(NOW + 2000)
  })

  it('does not wait for a retry the time left cannot hold, and says so', async () => {
    const { opts, clock, log } = options()
    const { stop } = stopping(clock, 1500)
    const attempt = scripted<number>({ retry: '502 Bad Gateway', retryAfterMs: 1500 })
    expect((await rejection(withRetries(attempt, { ...opts, stop }))).message).toBe(
      'Could not mint a Personr token: attempt 1 failed with 502 Bad Gateway, and the step was cancelled: no time is left to wait 1.5 s and try again.'
    )
    expect(clock.sleeps).toEqual([])
    expect(log).not.toHaveBeenCalled()
  })

  it('retries within the time left, and stops when it has run out', async () => {
    const { opts, clock } = options()
    const { stop } = stopping(clock, 1000)
    const ok = await withRetries(
      scripted<number>({ retry: '503', retryAfterMs: 999 }, { done: 7 }),
      {
        ...opts,
        stop
      }
    )
    expect(ok).toBe(7)
    clock.advance(1)
    const attempt = scripted({ done: 1 })
    expect((await rejection(withRetries(attempt, { ...opts, stop }))).message).toBe(
      'Could not mint a Personr token: the step was cancelled, and its time ran out.'
    )
    expect(attempt).not.toHaveBeenCalled()
  })
})
