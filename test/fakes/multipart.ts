// A small multipart/form-data reader (RFC 7578 on top of RFC 2046), so the simulator sees
// exactly the fields a client encoded. It works on the whole body: the server caps bodies at
// 64 KiB and node:http has already undone any chunked transfer encoding.

const CRLF = Buffer.from('\r\n')
const HEADER_END = Buffer.from('\r\n\r\n')

export class MultipartError extends Error {
  override name = 'MultipartError'
}

export interface HeaderValue {
  value: string // the part before the first ';', lower-cased (a media type or disposition)
  params: Map<string, string> // parameter names lower-cased, values unquoted
}

// Parses `type/sub; a=b; c="quoted \"value\""`. Quoted strings may hold ';' and '=', so this
// walks the text instead of splitting it.
export function parseHeaderValue(text: string): HeaderValue {
  const params = new Map<string, string>()
  let i = text.indexOf(';')
  const value = (i === -1 ? text : text.slice(0, i)).trim().toLowerCase()
  if (i === -1) return { value, params }
  while (i < text.length) {
    i++ // past ';'
    const eq = text.indexOf('=', i)
    const semi = text.indexOf(';', i)
    if (eq === -1 || (semi !== -1 && semi < eq)) {
      if (text.slice(i, semi === -1 ? undefined : semi).trim() !== '') {
        throw new MultipartError(`parameter without a value in "${text}"`)
      }
      if (semi === -1) break
      i = semi
      continue
    }
    const name = text.slice(i, eq).trim().toLowerCase()
    i = eq + 1
    while (text[i] === ' ' || text[i] === '\t') i++
    let paramValue = ''
    if (text[i] === '"') {
      i++
      for (; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && i + 1 < text.length) i++ // quoted-pair: take the next char as is
        paramValue += text[i]
      }
      if (text[i] !== '"') throw new MultipartError(`unterminated quoted string in "${text}"`)
      i++
      while (text[i] === ' ' || text[i] === '\t') i++
      if (i < text.length && text[i] !== ';') throw new MultipartError(`junk after "${name}"`)
    } else {
      const end = text.indexOf(';', i)
      paramValue = text.slice(i, end === -1 ? undefined : end).trim()
      i = end === -1 ? text.length : end
    }
    if (name === '') throw new MultipartError(`empty parameter name in "${text}"`)
    if (!params.has(name)) params.set(name, paramValue)
  }
  return { value, params }
}

// The boundary of a multipart/form-data Content-Type, or undefined for any other type.
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined
  let parsed: HeaderValue
  try {
    parsed = parseHeaderValue(contentType)
  } catch {
    return undefined
  }
  if (parsed.value !== 'multipart/form-data') return undefined
  const boundary = parsed.params.get('boundary')
  // RFC 2046: 1 to 70 characters, and it may not end in a space.
  if (boundary === undefined || boundary.length === 0 || boundary.length > 70) return undefined
  if (boundary.endsWith(' ')) return undefined
  return boundary
}

// Returns the text fields of a multipart/form-data body, values decoded as UTF-8. When a
// name repeats, the first part wins. Throws MultipartError on anything malformed.
export function parseMultipart(body: Buffer, boundary: string): Record<string, string> {
  const delimiter = Buffer.from(`--${boundary}`)
  const nextDelimiter = Buffer.concat([CRLF, delimiter])
  const fields = new Map<string, string>()

  // The first delimiter starts the body or follows a preamble line.
  let pos = body.subarray(0, delimiter.length).equals(delimiter) ? 0 : body.indexOf(nextDelimiter)
  if (pos === -1) throw new MultipartError('no boundary delimiter in body')
  if (pos > 0) pos += CRLF.length
  pos += delimiter.length

  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break // "--": the close delimiter
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++ // transport padding
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) {
      throw new MultipartError(`expected CRLF after boundary at byte ${pos}`)
    }
    pos += CRLF.length

    // Headers run to an empty line; a part may have none, and then the empty line comes first.
    let headerText = ''
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) {
      pos += CRLF.length
    } else {
      const headerEnd = body.indexOf(HEADER_END, pos)
      if (headerEnd === -1) throw new MultipartError('part headers never end')
      headerText = body.toString('utf8', pos, headerEnd)
      pos = headerEnd + HEADER_END.length
    }

    const contentEnd = findDelimiter(body, nextDelimiter, pos)
    if (contentEnd === -1) throw new MultipartError('part is not closed by a boundary')
    const name = fieldName(parsePartHeaders(headerText))
    if (!fields.has(name)) fields.set(name, body.toString('utf8', pos, contentEnd))
    pos = contentEnd + nextDelimiter.length
    if (pos >= body.length) throw new MultipartError('body ends without a close delimiter')
  }
  // Object.fromEntries defines own properties, so a field named "__proto__" stays a field.
  return Object.fromEntries(fields)
}

// A delimiter counts only when a line holds it alone (padding allowed) or closes with "--";
// otherwise the same bytes are content.
function findDelimiter(body: Buffer, nextDelimiter: Buffer, from: number): number {
  for (
    let at = body.indexOf(nextDelimiter, from);
    at !== -1;
    at = body.indexOf(nextDelimiter, at + 1)
  ) {
    let after = at + nextDelimiter.length
    if (after >= body.length || (body[after] === 0x2d && body[after + 1] === 0x2d)) return at
    while (body[after] === 0x20 || body[after] === 0x09) after++
    if (body[after] === 0x0d && body[after + 1] === 0x0a) return at
  }
  return -1
}

function parsePartHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>()
  let last: string | undefined
  for (const line of text.split('\r\n')) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) {
      headers.set(last, `${headers.get(last) ?? ''} ${line.trim()}`) // obsolete line folding
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0) throw new MultipartError(`malformed part header "${line}"`)
    last = line.slice(0, colon).trim().toLowerCase()
    headers.set(last, line.slice(colon + 1).trim())
  }
  return headers
}

function fieldName(headers: Map<string, string>): string {
  const disposition = headers.get('content-disposition')
  if (disposition === undefined) throw new MultipartError('part without Content-Disposition')
  const parsed = parseHeaderValue(disposition)
  const name = parsed.params.get('name')
  if (parsed.value !== 'form-data' || name === undefined) {
    throw new MultipartError(`part is not a named form-data field: "${disposition}"`)
  }
  return name
}
