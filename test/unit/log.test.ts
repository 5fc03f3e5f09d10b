import { describe, expect, it } from 'vitest'
import { createLog } from '../../src/log.ts'
import { Redactor } from '../../src/redactor.ts'
import { recordingCore } from '../fakes/core.ts'

const SECRET = 'Zq9#xK2!mW7$pL4@'

/** A recording core whose summary write fails, with a message that holds the secret. */
const failingSummary = new Error(`EACCES writing ${SECRET}`)

describe('createLog', () => {
  const HOSTILE = `${SECRET} then\n::stop-commands::x ##[error]y \u001b[31m`
  const CLEAN = '*** then\\n::stop-commands::x ##\\[error]y \\u001b[31m'

  it.each(['info', 'warning', 'debug', 'fail'] as const)(
    '%s redacts every secret, then escapes what could start a command',
    (method) => {
      const { core, calls } = recordingCore({})
      const log = createLog(core, new Redactor())
      log.mask(SECRET)
      log[method](HOSTILE)
      expect(calls.at(-1)).toEqual([method === 'fail' ? 'setFailed' : method, CLEAN])
    }
  )

  it('redacts the base64 form too (a server text is decoded before it reaches the log)', () => {
    const { core, calls } = recordingCore({})
    const log = createLog(core, new Redactor())
    log.mask(SECRET)
    log.info(`b=${Buffer.from(SECRET).toString('base64')}`)
    expect(calls.at(-1)).toEqual(['info', 'b=***'])
  })

  it('masks with the runner and the redactor, a padded value trimmed too, a blank one not at all', () => {
    const { core, calls } = recordingCore({})
    const redactor = new Redactor()
    const log = createLog(core, redactor)
    log.mask('  padded  ')
    log.mask('   ')
    expect(calls).toEqual([
      ['setSecret', '  padded  '],
      ['setSecret', 'padded']
    ])
    expect(redactor.redact('[padded]')).toBe('[***]')
  })

  it('shares one redactor between logs, so a handler made early hides what is masked later', () => {
    const { core, calls } = recordingCore({})
    const redactor = new Redactor()
    const handler = createLog(core, redactor)
    createLog(core, redactor).mask(SECRET)
    handler.fail(`Unexpected failure: ${SECRET}`)
    expect(calls.at(-1)).toEqual(['setFailed', 'Unexpected failure: ***'])
  })

  it('redacts the summary but keeps its lines', async () => {
    const { core, calls } = recordingCore({})
    const log = createLog(core, new Redactor())
    log.mask(SECRET)
    await log.summary(`### Title\n\n| a | ${SECRET} |\n`)
    expect(calls.slice(-2)).toEqual([
      ['summary.addRaw', '### Title\n\n| a | *** |\n'],
      ['summary.write']
    ])
  })

  it('only warns, redacted, when the summary cannot be written', async () => {
    const { core, calls } = recordingCore({}, failingSummary)
    const log = createLog(core, new Redactor())
    log.mask(SECRET)
    await expect(log.summary('x')).resolves.toBeUndefined()
    expect(calls.at(-1)).toEqual(['warning', 'Could not write the job summary: EACCES writing ***'])
  })
})
