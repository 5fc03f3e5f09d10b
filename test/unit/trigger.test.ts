import { describe, expect, it } from 'vitest'
import { link } from '../../src/markdown.ts'
import { readTrigger } from '../../src/trigger.ts'

/** The trigger of an event with this payload, read from a fake file. */
function trigger(event: string | undefined, payload?: unknown) {
  const files: Record<string, string> = { '/event.json': JSON.stringify(payload) }
  return readTrigger(
    {
      GITHUB_EVENT_NAME: event,
      ...(payload === undefined ? {} : { GITHUB_EVENT_PATH: '/event.json' })
    },
    (path) => {
      const text = files[path]
      if (text === undefined) throw new Error(`ENOENT ${path}`)
      return text
    }
  )
}

describe('readTrigger', () => {
  it('says nothing outside a workflow run', () => {
    expect(trigger(undefined)).toBeUndefined()
    expect(trigger('')).toBeUndefined()
  })

  it.each([
    ['schedule', { schedule: '17 3 * * *' }, 'Started by the schedule (cron "17 3 * * *").'],
    ['schedule', undefined, 'Started by the schedule.'],
    ['schedule', { schedule: 5 }, 'Started by the schedule.'],
    ['schedule', { schedule: '' }, 'Started by the schedule.'],
    [
      'workflow_dispatch',
      { sender: { login: 7 } },
      'Started by hand or by a dispatch (workflow_dispatch).'
    ],
    [
      'workflow_dispatch',
      { sender: { login: 'octocat' } },
      'Started by hand or by a dispatch (workflow_dispatch) from octocat.'
    ],
    ['workflow_dispatch', {}, 'Started by hand or by a dispatch (workflow_dispatch).'],
    ['repository_dispatch', {}, 'Started by a repository_dispatch event.']
  ])('says a %s started it', (event, payload, line) => {
    expect(trigger(event, payload)?.line).toBe(line)
  })

  it('names and links the failed run it heals', () => {
    const run = {
      workflow_run: {
        name: 'API tests',
        run_number: 42,
        conclusion: 'failure',
        html_url: 'https://github.com/acme/app/actions/runs/123'
      }
    }
    expect(trigger('workflow_run', run)).toEqual({
      line: 'Started because the run "API tests" #42 failed: https://github.com/acme/app/actions/runs/123.',
      markdown:
        'Started because the run [\\"API tests\\" \\#42](https://github.com/acme/app/actions/runs/123) failed\\.'
    })
  })

  it('says how a run that did not fail ended, and names a run without a link', () => {
    const line = trigger('workflow_run', {
      workflow_run: { name: 'Deploy', conclusion: 'success' }
    })
    expect(line?.line).toBe('Started because the run "Deploy" ended (success).')
    expect(trigger('workflow_run', {})?.line).toBe(
      'Started because the run "a workflow" ended (unknown).'
    )
    const noLink = trigger('workflow_run', { workflow_run: { name: 'X', html_url: 42 } })
    expect(noLink?.markdown).toBe('Started because the run \\"X\\" ended \\(unknown\\)\\.')
  })

  it('redacts the names it puts in the summary before escaping them', () => {
    const run = { workflow_run: { name: 'p$$w0rd!x', conclusion: 'failure' } }
    const result = readTrigger(
      { GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: '/event.json' },
      () => JSON.stringify(run),
      (text) => text.replaceAll('p$$w0rd!x', '***')
    )
    expect(result?.markdown).toBe('Started because the run \\"\\*\\*\\*\\" failed\\.')
  })

  it('still names the event when its payload cannot be read', () => {
    const result = readTrigger(
      { GITHUB_EVENT_NAME: 'schedule', GITHUB_EVENT_PATH: '/gone' },
      () => {
        throw new Error('ENOENT')
      }
    )
    expect(result?.line).toBe('Started by the schedule.')
  })
})

describe('link', () => {
  it('links an https URL, its label escaped', () => {
    expect(link('a [b]', 'https://github.com/x')).toBe('[a \\[b\\]](https://github.com/x)')
  })

  it('encodes what could end the link or start another', () => {
    expect(link('x', 'https://github.com/a)(b)[c]')).toBe(
      '[x](https://github.com/a%29%28b%29%5Bc%5D)'
    )
  })

  it.each(['javascript:alert(1)', 'http://github.com/x', 'not a url'])(
    'shows only the label for %s',
    (url) => {
      expect(link('x', url)).toBe('x')
    }
  )
})
