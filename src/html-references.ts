// HTML character references, decoded as a browser shows them, with HTML's own tables: the 2,231
// names, the legacy ones that need no semicolon, and the numbers HTML maps elsewhere. It is a
// chunk of its own in dist/, which only a step that reads a server's text with a `&` in it loads
// (Redactor.prepare).
import { characterEntities } from 'character-entities'
import { characterEntitiesLegacy } from 'character-entities-legacy'
import { characterReferenceInvalid } from 'character-reference-invalid'

const REFERENCE = /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([A-Za-z][A-Za-z0-9]*))(;?)/g

/** `text` with every character reference replaced by what it stands for. */
export function decodeHtml(text: string): string {
  return text.replace(
    REFERENCE,
    (whole, decimal?: string, hex?: string, name?: string, semicolon = '') => {
      if (name === undefined)
        return numeric(Number.parseInt(decimal ?? hex ?? '', decimal ? 10 : 16))
      if (semicolon && Object.hasOwn(characterEntities, name))
        return characterEntities[name] ?? whole
      // Without its own `;`, a reference is only a legacy name at the start of the word (no legacy
      // name starts another, so the first found is the one).
      const legacy = characterEntitiesLegacy.find((known) => name.startsWith(known))
      if (legacy === undefined) return whole
      return `${characterEntities[legacy] ?? ''}${name.slice(legacy.length)}${semicolon}`
    }
  )
}

function numeric(code: number): string {
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd'
  return characterReferenceInvalid[code] ?? String.fromCodePoint(code)
}
