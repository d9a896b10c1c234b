import { rawEmailExternalId } from './raw-message-id';

describe('rawEmailExternalId', () => {
  it('should read a folded Message-ID header without brackets', () => {
    expect(rawEmailExternalId(Buffer.from('Subject: x\r\nMessage-ID:\r\n <abc.123@example.com>\r\n\r\nbody Message-ID: <no@body>'))).toBe(
      'abc.123@example.com',
    );
  });

  it('should hash mail without a Message-ID, ignoring one that appears only in the body', () => {
    const raw = Buffer.from('Subject: x\n\nMessage-ID: <in@body>\n');
    expect(rawEmailExternalId(raw)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(rawEmailExternalId(raw)).toBe(rawEmailExternalId(Buffer.from(raw)));
  });
});
