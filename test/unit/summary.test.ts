import { describe, expect, it } from 'vitest'
import type { RefreshResult } from '../../src/refresh.ts'
import { refreshSummary, tokenSummary, type Notes } from '../../src/summary.ts'
import { Redactor } from '../../src/redactor.ts'
import { makeTarget } from '../../src/targets.ts'
import type { MintedToken } from '../../src/token-response.ts'
import { NO_CURRENT_TOKEN } from '../../src/token-check.ts'

const NOW = Date.UTC(2025, 0, 1, 0, 0, 0)
const DAY = 86_400_000
const NO_SECRETS = new Redactor()
const TOKEN = 'bus|4242424242424x424242424242424242|4343434343434x434343434343434343'

const minted: MintedToken = {
  token: TOKEN,
  userId: '4242424242424x424242424242424242',
  expires: 31_536_000,
  expiresAt: new Date(NOW + 31_536_000_000)
}

describe('tokenSummary', () => {
  // The whole text is pinned below; this is the arithmetic.
  it('counts days left, rounded to the nearest day', () => {
    const soon = { ...minted, expiresAt: new Date(NOW + 1.4 * DAY) }
    expect(tokenSummary(soon, NOW, NO_SECRETS)).toContain('(in 1 day)')
    expect(tokenSummary(minted, NOW + 1000, NO_SECRETS)).toContain('(in 365 days)')
    expect(tokenSummary(minted, NOW + 0.6 * DAY, NO_SECRETS)).toContain('(in 364 days)')
  })
})

const REPO_TARGET = makeTarget({ app: 'actions', repo: 'octo/app' })
const DEPENDABOT = makeTarget({ app: 'dependabot', repo: 'octo/app' })

function result(overrides: Partial<RefreshResult> = {}): RefreshResult {
  return {
    decision: { due: true, reason: 'No recorded expiry for the stored token: rotating.' },
    check: { state: 'skipped', seen: NO_CURRENT_TOKEN },
    view: { kind: 'unknown', why: 'there is no record yet' },
    outcomes: [
      { target: REPO_TARGET, result: 'written' },
      { target: DEPENDABOT, result: 'written' }
    ],
    minted,
    nextDue: undefined,
    ...overrides
  }
}

const NOTES: Notes = { dryRun: false, warnings: [] }
const summary = (overrides: Partial<RefreshResult>, notes = NOTES, secrets = NO_SECRETS): string =>
  refreshSummary('PERSONR_TOKEN', result(overrides), NOW, notes, secrets)

/** Markdown as read: escapes dropped. */
const unescape = (markdown: string): string => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1')

describe('refreshSummary', () => {
  it('says which targets failed and still hold the old token', () => {
    const text = summary({
      outcomes: [
        { target: REPO_TARGET, result: 'written' },
        { target: DEPENDABOT, result: 'failed', error: 'refused' }
      ]
    })
    expect(text.split('\n')[0]).toBe('### Personr API token rotated, but not stored everywhere')
    expect(text).toContain(
      '| Dependabot | `repository octo/app` | **failed**: still holds the old token, which no longer works |'
    )
  })

  it('says the stored token was left alone, and until when it lasts', () => {
    const expiresAt = new Date(NOW + 40 * DAY)
    const text = summary({
      decision: { due: false, expiresAt, reason: 'not due' },
      minted: undefined,
      outcomes: [{ target: REPO_TARGET, result: 'unchanged' }]
    })
    expect(text.split('\n')[0]).toBe('### Personr API token not rotated')
    expect(text).toContain('The stored token expires 2025-02-10T00:00:00.000Z (in 40 days).')
    expect(text).toContain('| Actions | `repository octo/app` | unchanged |')
    expect(text).not.toContain('invalidated')
  })

  it.each([
    ['alive', 'check\\-url accepted the stored token'],
    ['dead', 'check\\-url refused the stored token'],
    [
      'inconclusive',
      'check\\-url could not tell whether the stored token works \\(502 Bad Gateway\\)\\.'
    ],
    ['skipped', 'The stored token was not checked\\: 502 Bad Gateway\\.']
  ] as const)('reports a check that was %s', (state, words) => {
    expect(summary({ check: { state, seen: '502 Bad Gateway', by: 'check-url' } })).toContain(words)
  })

  it('says what a dry run would do, and that nothing was minted or written', () => {
    const text = summary(
      { minted: undefined, outcomes: [{ target: REPO_TARGET, result: 'would write' }] },
      { dryRun: true, warnings: [] }
    )
    expect(text.split('\n')[0]).toBe('### Personr API token refresh: dry run')
    expect(text).toContain('Nothing was minted or written.')
    expect(text).toContain('| Actions | `repository octo/app` | would write |')
  })

  it('escapes a decision reason that quotes a hostile recorded expiry', () => {
    const reason = 'The recorded expiry "![x](https://evil.example/a.png)" is not a date: rotating.'
    const text = summary({ decision: { due: true, reason } })
    expect(text).not.toContain('![x](')
    expect(text).toContain('\\!\\[x\\]\\(https\\:\\/\\/evil\\.example\\/a\\.png\\)')
  })
})

describe('values from outside in the summary', () => {
  const hostile = (userId: string): string => tokenSummary({ ...minted, userId }, NOW, NO_SECRETS)
  const row = (text: string): string =>
    text.split('\n').find((l) => l.startsWith('| User id |')) ?? ''

  it('cannot close the code span it sits in', () => {
    expect(row(hostile('a`b``c'))).toBe('| User id | ```a`b``c``` |')
    expect(row(hostile('`x`'))).toBe('| User id | `` `x` `` |')
  })

  it('cannot forge a table cell or row', () => {
    const text = hostile('x|y\n| Expires | forged |')
    expect(row(text)).toBe('| User id | `x\\|y\\n\\| Expires \\| forged \\|` |')
    expect(text.match(/^\| Expires \|/gm)).toHaveLength(1)
  })

  it('cannot add an image, a link or HTML: they stay inside a code span', () => {
    const text = row(
      hostile('![x](https://evil.example/a.png)<img src=x>[y](https://evil.example)')
    )
    expect(text).toBe(
      '| User id | `![x](https://evil.example/a.png)<img src=x>[y](https://evil.example)` |'
    )
  })
})

describe('secrets in the summary', () => {
  const PASSWORD = 'p$$w0rd!|`x`<>'

  // Escaped for Markdown first, the password would match none of its forms: `p\$\$w0rd\!`.
  it('redacts each value before escaping it', () => {
    const secrets = new Redactor()
    secrets.add(PASSWORD)
    const text = summary({}, { dryRun: false, warnings: [`Echoed ${PASSWORD} back`] }, secrets)
    expect(text).toContain('> Echoed \\*\\*\\* back')
    expect(unescape(text)).not.toContain(PASSWORD.slice(0, 8))
  })

  it('reads the user id as any server text, and redacts it', () => {
    const secrets = new Redactor()
    secrets.add('Tr0ub%41dor-x9Q')
    const text = tokenSummary({ ...minted, userId: 'Tr0ub%2541dor-x9Q' }, NOW, secrets)
    expect(text).toContain('| User id | `***` |')
  })
})

describe('refreshSummary: the whole text', () => {
  it('is exactly this for a rotation after a live check, with a warning', () => {
    const text = refreshSummary(
      'PERSONR_TOKEN',
      result({
        check: { state: 'alive', seen: '400 Bad Request', by: 'api-applicant-status' },
        decision: { due: true, reason: 'Due.' },
        view: { kind: 'stored', token: '9f86d081' },
        outcomes: [{ target: REPO_TARGET, result: 'written' }]
      }),
      NOW,
      { dryRun: false, warnings: ['Renew it.'], trigger: 'Started by the schedule\\.' },
      NO_SECRETS
    )
    expect(text).toBe(
      [
        '### Personr API token rotated',
        '',
        'Started by the schedule\\.',
        '',
        'Due\\.',
        '',
        '\\`current\\-token\\` is the token the record names \\(token 9f86d081\\)\\.',
        '',
        'api\\-applicant\\-status accepted the stored token\\; the call counted as a use\\, so its 30\\-day idle window starts again\\.',
        '',
        '| | |',
        '| --- | --- |',
        '| User id | `4242424242424x424242424242424242` |',
        '| Expires | 2026-01-01T00:00:00.000Z (in 365 days) |',
        '',
        '| Store | Secret `PERSONR_TOKEN` of | Result |',
        '| --- | --- | --- |',
        '| Actions | `repository octo/app` | written |',
        '',
        '> [!WARNING]',
        '> Renew it\\.',
        '',
        '> [!IMPORTANT]',
        '> Minting this token invalidated every earlier token of this Personr account. Anything still using an older one (a stored secret, another job) now gets refused.',
        ''
      ].join('\n')
    )
  })

  it('is exactly this for a dry run that would change nothing', () => {
    const text = refreshSummary(
      'PERSONR_TOKEN',
      result({
        decision: { due: false, reason: 'Not due.', expiresAt: new Date(NOW + 40 * DAY) },
        check: { state: 'inconclusive', seen: '404 Not Found', by: 'check-url' },
        minted: undefined,
        outcomes: [{ target: REPO_TARGET, result: 'unchanged' }]
      }),
      NOW,
      { dryRun: true, warnings: [] },
      NO_SECRETS
    )
    expect(text).toBe(
      [
        '### Personr API token refresh: dry run',
        '',
        'Not due\\.',
        '',
        'Which token is stored is not known\\: there is no record yet\\.',
        '',
        'check\\-url could not tell whether the stored token works \\(404 Not Found\\)\\.',
        '',
        'A real run would change nothing.',
        '',
        'The stored token expires 2025-02-10T00:00:00.000Z (in 40 days).',
        '',
        '| Store | Secret `PERSONR_TOKEN` of | Result |',
        '| --- | --- | --- |',
        '| Actions | `repository octo/app` | unchanged |',
        ''
      ].join('\n')
    )
  })
})

describe('refreshSummary: a stale view', () => {
  it('is exactly this: no check, no view, no token, the targets unchanged', () => {
    const text = summary({
      decision: {
        due: false,
        stale: true,
        reason: 'PERSONR_TOKEN was replaced by a later rotation.',
        expiresAt: new Date(NOW + 300 * DAY)
      },
      check: { state: 'dead', seen: '401 Unauthorized', by: 'api-applicant-status' },
      minted: undefined,
      outcomes: [{ target: REPO_TARGET, result: 'unchanged' }]
    })
    expect(text).toBe(
      [
        '### Personr API token not rotated: a later rotation replaced it',
        '',
        'PERSONR\\_TOKEN was replaced by a later rotation\\.',
        '',
        'The stored token expires 2025-10-28T00:00:00.000Z (in 300 days).',
        '',
        '| Store | Secret `PERSONR_TOKEN` of | Result |',
        '| --- | --- | --- |',
        '| Actions | `repository octo/app` | unchanged |',
        ''
      ].join('\n')
    )
  })

  it('says a write cut off may have landed', () => {
    const text = summary({
      outcomes: [
        { target: REPO_TARGET, result: 'written' },
        { target: DEPENDABOT, result: 'may have landed', error: 'cut' }
      ]
    })
    expect(text.split('\n')[0]).toBe('### Personr API token rotated, but not stored everywhere')
    expect(text).toContain(
      '| Dependabot | `repository octo/app` | **may have landed**: the runner cut the write off before GitHub answered; the next run rotates again |'
    )
  })
})

describe('tokenSummary: the whole text', () => {
  it('is exactly this', () => {
    expect(tokenSummary(minted, NOW, NO_SECRETS)).toBe(
      [
        '### Personr API token minted',
        '',
        '| | |',
        '| --- | --- |',
        '| User id | `4242424242424x424242424242424242` |',
        '| Expires | 2026-01-01T00:00:00.000Z (in 365 days) |',
        '',
        '> [!IMPORTANT]',
        '> Minting this token invalidated every earlier token of this Personr account. Anything still using an older one (a stored secret, another job) now gets refused.',
        ''
      ].join('\n')
    )
  })
})
