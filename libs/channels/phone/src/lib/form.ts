import { InvalidPayloadError } from '@throughline/domain';

/** Form fields by name; a name sent more than once keeps all its values in order. */
export type FormFields = Record<string, string | string[]>;

/** `application/x-www-form-urlencoded` (`+` is a space, `%XX` UTF-8 escapes). */
export function parseUrlEncodedForm(raw: Buffer | string): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of new URLSearchParams(raw.toString())) addField(fields, name, value);
  return fields;
}

/** The text fields of a `multipart/form-data` body (what `curl --form` sends); file parts are not expected. */
export function parseMultipartForm(raw: Buffer, contentType: string): FormFields {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) throw new InvalidPayloadError('content-type: multipart/form-data without a boundary');
  const fields: FormFields = {};
  const parts = raw
    .toString('utf8')
    .split(`--${boundary[1] ?? boundary[2]}`)
    .slice(1);
  for (const part of parts) {
    if (part.startsWith('--')) break;
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(part.slice(0, headerEnd))?.[1];
    if (name === undefined) continue;
    addField(fields, name, part.slice(headerEnd + 4).replace(/\r\n$/, ''));
  }
  return fields;
}

function addField(fields: FormFields, name: string, value: string): void {
  const existing = fields[name];
  if (existing === undefined) fields[name] = value;
  else fields[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
}

/** The first value of a field, or undefined. */
export function firstValue(fields: FormFields, name: string): string | undefined {
  const value = fields[name];
  return Array.isArray(value) ? value[0] : value;
}
