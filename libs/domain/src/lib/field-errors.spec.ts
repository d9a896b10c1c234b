import { fieldErrorsOf } from './field-errors';

describe('fieldErrorsOf', () => {
  const fields = ['name', 'provider', 'config.callbackUrl', 'config.smtp.host', 'secrets.password'];

  it('should put `field: message` beside the field it names, nested paths included', () => {
    expect(fieldErrorsOf(['config.smtp.host: is required', 'secrets.password: is required'], fields)).toEqual({
      byField: { 'config.smtp.host': 'is required', 'secrets.password': 'is required' },
      other: [],
    });
  });

  it('should put class-validator messages, which start with the property, beside it whole', () => {
    expect(fieldErrorsOf(['name must be longer than or equal to 1 characters'], fields).byField).toEqual({
      name: 'name must be longer than or equal to 1 characters',
    });
  });

  it('should split a joined message and join two messages for one field', () => {
    expect(fieldErrorsOf('config.callbackUrl: must be an http(s) URL; config.callbackUrl: too long', fields).byField).toEqual({
      'config.callbackUrl': 'must be an http(s) URL; too long',
    });
  });

  it('should keep messages naming no known field apart', () => {
    expect(fieldErrorsOf(['config.(root): Unrecognized key: "colour"', 'something broke'], fields)).toEqual({
      byField: {},
      other: ['config.(root): Unrecognized key: "colour"', 'something broke'],
    });
  });
});
