import type { ConnectorFieldView, ConnectorProviderView } from '@throughline/domain';

/** What the admin typed, by the field's key in the request: `config.smtp.host`, `secrets.password`. */
export type FieldValues = Record<string, string | boolean>;

/** The request key of a field, which is also how the server's 400 names it. */
export function fieldKey(field: ConnectorFieldView): string {
  return `${field.secret ? 'secrets' : 'config'}.${field.name}`;
}

/** Empty fields, booleans at their defaults; with `config`, the connector's current settings (secrets stay empty: they are never shown). */
export function initialValues(spec: ConnectorProviderView, config: Record<string, unknown> = {}): FieldValues {
  return Object.fromEntries(
    spec.fields.map((field) => {
      const current = field.secret ? undefined : valueAt(config, field.name);
      if (field.type === 'boolean') return [fieldKey(field), typeof current === 'boolean' ? current : field.default === true];
      if (Array.isArray(current)) return [fieldKey(field), current.join('\n')];
      return [fieldKey(field), current === undefined || current === null ? '' : String(current)];
    }),
  );
}

function valueAt(config: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), config);
}

/**
 * The `config` and `secrets` to send. Empty fields are left out (the server applies its defaults);
 * numbers that are not numbers are sent as typed, so the server's message names them; a group
 * (the outgoing SMTP server) is sent only when one of its non-boolean fields is filled in.
 */
export function requestOf(spec: ConnectorProviderView, values: FieldValues): { config: Record<string, unknown>; secrets: Record<string, string> } {
  const config: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  const filled = (field: ConnectorFieldView) => {
    const value = values[fieldKey(field)];
    return typeof value === 'string' && value.trim() !== '';
  };
  const groupsInUse = new Set(spec.fields.filter((f) => f.group && f.type !== 'boolean' && filled(f)).map((f) => f.group));
  for (const field of spec.fields) {
    const value = values[fieldKey(field)];
    if (field.secret) {
      if (typeof value === 'string' && value !== '') secrets[field.name] = value;
      continue;
    }
    if (field.group && !groupsInUse.has(field.group)) continue;
    if (field.type === 'boolean') {
      setAt(config, field.name, value === true);
      continue;
    }
    if (!filled(field)) continue;
    const text = String(value).trim();
    if (field.type === 'number') setAt(config, field.name, Number.isFinite(Number(text)) ? Number(text) : text);
    else if (field.type === 'list')
      setAt(
        config,
        field.name,
        text
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      );
    else setAt(config, field.name, text);
  }
  return { config, secrets };
}

function setAt(config: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node = config;
  for (const key of keys) node = (node[key] ??= {}) as Record<string, unknown>;
  node[last] = value;
}
