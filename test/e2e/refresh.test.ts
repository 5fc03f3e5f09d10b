// The scheduled refresh into one Actions secret, run from the bundle against the Personr
// simulator and a fake GitHub. The decisions (due or not, which inputs combine) are pinned by the
// unit tests; token-life.test.ts and targets.test.ts hold the other refresh scenarios.
import { recordOf } from '../support/record.ts'
import { describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN } from '../fakes/github.ts'
import { DEFAULT_ACCOUNT } from '../fakes/personr.ts'
import { expectMaskedFirst } from '../support/leaks.ts'
import { warnings } from '../support/action.ts'
import { DAY, REPO, useFakes } from '../support/refresh.ts'
import { calls } from '../support/requests.ts'

const f = useFakes({
  repos: [REPO, 'acme/other', 'acme/web'],
  environments: [`${REPO}:production`]
})

describe('scheduled refresh into an Actions secret', () => {
  it('rotates on the first run: stores the token and its expiry in the repository', async () => {
    const result = await f.run({ 'renew-before': '30d' })
    expect(result.code, result.stdout).toBe(0)
    const token = f.personr.currentToken(DEFAULT_ACCOUNT.email) ?? ''
    expect(result.outputs).toMatchObject({
      token,
      rotated: 'true',
      targets: '1',
      token_check: 'skipped'
    })
    expect(f.github.secret(`repo:${REPO}`, 'PERSONR_TOKEN')?.value).toBe(token)
    expect(f.github.variable(`repo:${REPO}`, 'PERSONR_TOKEN_EXPIRES_AT')).toBe(recordOf(result))
    // The three reads go out together, in no fixed order; then the rotation begun and the
    // probe, together; the probe's deletion; the token; the record of it.
    expect(calls(f.github).slice(0, 3).sort()).toEqual([
      `GET /repos/${REPO}/actions/secrets/PERSONR_TOKEN`,
      `GET /repos/${REPO}/actions/secrets/public-key`,
      `GET /repos/${REPO}/actions/variables/PERSONR_TOKEN_EXPIRES_AT`
    ])
    expect(calls(f.github).slice(3, 5).sort()).toEqual([
      `POST /repos/${REPO}/actions/variables`,
      `PUT /repos/${REPO}/actions/secrets/PERSONR_TOKEN_WRITE_PROBE`
    ])
    expect(calls(f.github).slice(5)).toEqual([
      `DELETE /repos/${REPO}/actions/secrets/PERSONR_TOKEN_WRITE_PROBE`,
      `PUT /repos/${REPO}/actions/secrets/PERSONR_TOKEN`,
      `PATCH /repos/${REPO}/actions/variables/PERSONR_TOKEN_EXPIRES_AT`
    ])
    expect(f.github.requests[2]?.headers.authorization).toBe(`Bearer ${DEFAULT_TOKEN}`)
    expect(result.summary).toMatch(/^### Personr API token rotated$/m)
    expect(result.summary).toContain(`| Actions | \`repository ${REPO}\` | written |`)
    expectMaskedFirst(result, DEFAULT_TOKEN, 'github-token')
    expectMaskedFirst(result, token, 'Personr token')
    f.expectNoCredentialShown(result)
  })

  it.each([
    [
      'another repository',
      { 'secret-repository': 'acme/other' },
      'repo:acme/other',
      'repository acme/other',
      undefined
    ],
    [
      'an environment',
      { 'secret-environment': 'production' },
      `env:${REPO}:production`,
      `environment production of ${REPO}`,
      undefined
    ],
    [
      'an organization, visible to selected repositories',
      {
        'secret-org': 'acme',
        'secret-visibility': 'selected',
        'secret-repositories': 'app, acme/web'
      },
      'org:acme',
      'organization acme (visibility selected)',
      [REPO, 'acme/web']
    ]
  ])('stores the secret and its expiry in %s', async (_, inputs, scope, label, selected) => {
    const result = await f.run(inputs)
    expect(result.code, result.stdout).toBe(0)
    // Who may read it: said for an organization's secret only.
    expect(f.github.secret(scope, 'PERSONR_TOKEN')).toEqual({
      value: result.outputs.token,
      createdAt: expect.any(String) as unknown,
      updatedAt: expect.any(String) as unknown,
      ...(selected && {
        visibility: 'selected',
        selectedRepositoryIds: selected.map((repo) => f.github.repoIds[repo])
      })
    })
    expect(f.github.variable(scope, 'PERSONR_TOKEN_EXPIRES_AT')).toBe(recordOf(result))
    expect(result.summary).toContain(label)
  })

  it('rotates a token due within renew-before, waiting out GitHub’s rate limit and a 502', async () => {
    f.github.setSecret(`repo:${REPO}`, 'PERSONR_TOKEN', 'bus|stored|token')
    const soon = new Date(Date.now() + 10 * DAY).toISOString()
    f.github.setVariable(`repo:${REPO}`, 'PERSONR_TOKEN_EXPIRES_AT', soon)
    f.github.fail({
      path: /public-key/,
      status: 403,
      headers: { 'retry-after': '1' },
      body: { message: 'You have exceeded a secondary rate limit.' }
    })
    f.github.fail({ method: 'PUT', status: 502 })
    const result = await f.run({ 'renew-before': '30d' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.stdout).toMatch(/in 10\.0 days, within `renew-before`: rotating/)
    expect(warnings(result)).toEqual([
      expect.stringMatching(/secondary rate limit.*retrying in 1\.0 s/),
      expect.stringMatching(/^Attempt 1 of 4 failed with GitHub answered 502/)
    ])
    expect(f.github.secret(`repo:${REPO}`, 'PERSONR_TOKEN')?.value).toBe(result.outputs.token)
    expect(calls(f.github).at(-1)).toBe(
      `PATCH /repos/${REPO}/actions/variables/PERSONR_TOKEN_EXPIRES_AT`
    )
    expect(f.github.variable(`repo:${REPO}`, 'PERSONR_TOKEN_EXPIRES_AT')).toBe(recordOf(result))
    f.expectNoCredentialShown(result)
  })
})
