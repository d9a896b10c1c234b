/**
 * Sorts a 400's messages onto the form fields they name, so each shows beside its field.
 * The API names the field first: `config.smtp.host: is required` (our own checks) or
 * `name must be shorter than …` (class-validator). Anything naming no known field stays in `other`.
 */
export function fieldErrorsOf(messages: string | string[], fieldNames: readonly string[]): { byField: Record<string, string>; other: string[] } {
  const known = new Set(fieldNames);
  const byField: Record<string, string> = {};
  const other: string[] = [];
  const all = (Array.isArray(messages) ? messages : [messages]).flatMap((m) => m.split('; ')).filter((m) => m.trim());
  for (const message of all) {
    const prefixed = /^([\w.]+):\s*([^]+)$/.exec(message);
    const leading = /^([\w.]+)\s/.exec(message);
    if (prefixed && known.has(prefixed[1])) add(byField, prefixed[1], prefixed[2]);
    else if (leading && known.has(leading[1])) add(byField, leading[1], message);
    else other.push(message);
  }
  return { byField, other };
}

function add(byField: Record<string, string>, field: string, message: string): void {
  byField[field] = byField[field] ? `${byField[field]}; ${message}` : message;
}
