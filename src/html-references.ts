// The HTML decoder, in its own chunk of dist/: its tables cost about 10 ms to load, so only a
// step that reads a server's text with a `&` in it pays for them (Redactor.prepare).
import { decodeHTML } from 'entities/decode'

export const decodeHtml = (text: string): string => decodeHTML(text)
