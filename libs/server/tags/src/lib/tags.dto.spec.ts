import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateTagDto, UpdateTagDto } from './tags.dto';

const errorsOf = <T extends object>(type: new () => T, body: object) =>
  validateSync(plainToInstance(type, body)).flatMap((e) => Object.values(e.constraints ?? {}));

describe('CreateTagDto', () => {
  it('normalises the name and lowercases the color', () => {
    const dto = plainToInstance(CreateTagDto, { name: '  Needs   refund ', color: '#A1B2C3' });
    expect(validateSync(dto)).toEqual([]);
    expect(dto).toEqual({ name: 'Needs refund', color: '#a1b2c3' });
  });
  it('refuses a blank name, naming the field', () => {
    expect(errorsOf(CreateTagDto, { name: '   ', color: '#000000' })).toEqual(['name must not be blank']);
  });
  it('refuses a color that is not #rrggbb', () => {
    expect(errorsOf(CreateTagDto, { name: 'VIP', color: 'red' })).toEqual(['color must be #rrggbb']);
  });
  it('refuses a name longer than 40 characters', () => {
    expect(errorsOf(CreateTagDto, { name: 'x'.repeat(41), color: '#000000' })).toEqual([expect.stringContaining('name must be shorter')]);
  });
});

describe('UpdateTagDto', () => {
  it('accepts a rename alone', () => {
    expect(errorsOf(UpdateTagDto, { name: 'Refunds' })).toEqual([]);
  });
  it('refuses a bad color', () => {
    expect(errorsOf(UpdateTagDto, { color: '#12345' })).toEqual(['color must be #rrggbb']);
  });
});
