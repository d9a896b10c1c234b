import type { ConnectorFieldView, ConnectorProviderView } from '@throughline/domain';
import { initialValues, requestOf } from './connector-form';

const field = (name: string, overrides: Partial<ConnectorFieldView> = {}): ConnectorFieldView => ({
  name,
  label: name,
  type: 'text',
  required: false,
  secret: false,
  help: null,
  default: null,
  options: null,
  group: null,
  ...overrides,
});

const imap: ConnectorProviderView = {
  provider: 'imap',
  kind: 'email',
  label: 'IMAP mailbox',
  description: '',
  webhookPaths: [],
  generatedSecret: null,
  fields: [
    field('address', { type: 'email', required: true }),
    field('port', { type: 'number', default: 993 }),
    field('saveSentCopy', { type: 'boolean', default: true }),
    field('smtp.host', { group: 'smtp', required: true }),
    field('smtp.secure', { group: 'smtp', type: 'boolean', default: false }),
    field('allowed', { type: 'list' }),
    field('password', { secret: true, required: true }),
    field('smtpPassword', { secret: true }),
  ],
};

describe('connector form', () => {
  it('should start empty with booleans at their defaults, and show current settings when editing (never secrets)', () => {
    expect(initialValues(imap)).toEqual({
      'config.address': '',
      'config.port': '',
      'config.saveSentCopy': true,
      'config.smtp.host': '',
      'config.smtp.secure': false,
      'config.allowed': '',
      'secrets.password': '',
      'secrets.smtpPassword': '',
    });
    const current = initialValues(imap, {
      address: 'a@example.com',
      port: 143,
      saveSentCopy: false,
      smtp: { host: 'smtp.example.com', secure: true },
      allowed: ['x', 'y'],
    });
    expect(current).toMatchObject({
      'config.port': '143',
      'config.saveSentCopy': false,
      'config.smtp.host': 'smtp.example.com',
      'config.smtp.secure': true,
      'config.allowed': 'x\ny',
    });
    expect(current['secrets.password']).toBe('');
  });

  it('should leave empty fields and an untouched group out, and put secrets apart', () => {
    const values = { ...initialValues(imap), 'config.address': ' a@example.com ', 'secrets.password': 'pw' };
    expect(requestOf(imap, values)).toEqual({ config: { address: 'a@example.com', saveSentCopy: true }, secrets: { password: 'pw' } });
  });

  it('should nest a group once one of its fields is filled, convert numbers and split lists', () => {
    const values = {
      ...initialValues(imap),
      'config.port': '143',
      'config.smtp.host': 'smtp.example.com',
      'config.allowed': 'https://a.example\n\n https://b.example ',
    };
    expect(requestOf(imap, values).config).toEqual({
      port: 143,
      saveSentCopy: true,
      smtp: { host: 'smtp.example.com', secure: false },
      allowed: ['https://a.example', 'https://b.example'],
    });
  });

  it('should send a number that is not one as typed, so the server names the field', () => {
    expect(requestOf(imap, { ...initialValues(imap), 'config.port': 'ninety' }).config['port']).toBe('ninety');
  });
});
