// The least a token step built on this project's libraries can be, for `npm run bench`: the same
// inputs, one multipart POST through @actions/http-client and form-data, the token masked and set
// as one output through @actions/core. No checks, retries, redaction, summary or other outputs.
// The bench builds it with build/bundle.ts, as the action is built, so the action over this
// script is the price of the action's own code, and this script over a bare node:https script
// is the price of the libraries.
import * as core from '@actions/core'
import { HttpClient } from '@actions/http-client'
import FormData from 'form-data'

interface TokenResponse {
  response: { token: string }
}

const form = new FormData()
form.append('email', core.getInput('email'))
form.append('password', core.getInput('password'))
const client = new HttpClient('personr-bench-floor', [], { keepAlive: true })
const response = await client.sendStream(
  'POST',
  `${core.getInput('api-url')}/api-token-generate`,
  form,
  form.getHeaders()
)
const { token } = (JSON.parse(await response.readBody()) as TokenResponse).response
core.setSecret(token)
core.setOutput('token', token)
client.dispose()
