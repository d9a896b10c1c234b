import { createHmac } from 'node:crypto';
import { readFixture } from '../../testing/fixtures';
import { verifyTwilioJsonSignature, verifyTwilioSignature } from './signature';
import { parseTwilioForm } from './callback';

const vector = JSON.parse(readFixture('phone/twilio/twilio__twilio-node__signature-vector.json').toString('utf8')) as {
  authToken: string;
  url: string;
  params: Record<string, string>;
  formBody: string;
  expectedSignature: string;
  wrongSignature: string;
  bodySHA256: { url: string; body: string; expectedSignature: string };
};

function flipFirstChar(signature: string): string {
  return (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
}

describe('verifyTwilioSignature', () => {
  const valid = { authToken: vector.authToken, url: vector.url, params: vector.params, signature: vector.expectedSignature };

  it('should accept the twilio-node vector, from the params and from the parsed form body', () => {
    expect(verifyTwilioSignature(valid)).toBe(true);
    expect(verifyTwilioSignature({ ...valid, params: parseTwilioForm(Buffer.from(vector.formBody)) })).toBe(true);
  });

  it('should refuse a flipped character, a wrong token, a tampered parameter and a missing header', () => {
    expect(verifyTwilioSignature({ ...valid, signature: flipFirstChar(vector.expectedSignature) })).toBe(false);
    expect(verifyTwilioSignature({ ...valid, authToken: '54321' })).toBe(false);
    expect(verifyTwilioSignature({ ...valid, params: { ...vector.params, Digits: '1235' } })).toBe(false);
    expect(verifyTwilioSignature({ ...valid, signature: undefined })).toBe(false);
    expect(verifyTwilioSignature({ ...valid, signature: '' })).toBe(false);
  });

  it('should return false without throwing for a signature of another length or an unparseable URL', () => {
    expect(verifyTwilioSignature({ ...valid, signature: vector.wrongSignature })).toBe(false);
    expect(verifyTwilioSignature({ ...valid, signature: `${vector.expectedSignature}==` })).toBe(false);
    expect(verifyTwilioSignature({ ...valid, url: 'not a url' })).toBe(false);
  });

  it('should sort the values of a repeated key (twilio-python repeated-keys vector)', () => {
    const params = parseTwilioForm(Buffer.from('Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234'));
    expect(params['Digits']).toEqual(['5678', '1234']);
    expect(verifyTwilioSignature({ authToken: '12345', url: vector.url, params, signature: 'IK+Dwps556ElfBT0I3Rgjkr1wJU=' })).toBe(true);
  });

  it('should accept a signature computed with the default port when the URL has none, and the reverse', () => {
    const sign = (url: string) =>
      createHmac('sha1', '12345')
        .update(url + 'CallSidCA1')
        .digest('base64');
    const params = { CallSid: 'CA1' };
    expect(verifyTwilioSignature({ authToken: '12345', url: 'https://example.com/hook', params, signature: sign('https://example.com:443/hook') })).toBe(true);
    expect(verifyTwilioSignature({ authToken: '12345', url: 'https://example.com:443/hook', params, signature: sign('https://example.com/hook') })).toBe(true);
    expect(verifyTwilioSignature({ authToken: '12345', url: 'http://example.com/hook', params, signature: sign('http://example.com:80/hook') })).toBe(true);
  });

  it('should accept a URL whose query Twilio signed in the legacy querystring encoding', () => {
    const url = "https://example.com/hook?name=O'Brien";
    const signature = createHmac('sha1', '12345').update("https://example.com/hook?name=O'Brien").digest('base64');
    expect(new URL(url).toString()).toBe('https://example.com/hook?name=O%27Brien');
    expect(verifyTwilioSignature({ authToken: '12345', url, params: {}, signature })).toBe(true);
  });
});

describe('verifyTwilioJsonSignature', () => {
  const valid = {
    authToken: vector.authToken,
    url: vector.bodySHA256.url,
    rawBody: Buffer.from(vector.bodySHA256.body),
    signature: vector.bodySHA256.expectedSignature,
  };

  it('should accept the twilio-node bodySHA256 vector', () => {
    expect(verifyTwilioJsonSignature(valid)).toBe(true);
  });

  it('should refuse a changed body, a flipped signature, a missing header and a URL without bodySHA256', () => {
    expect(verifyTwilioJsonSignature({ ...valid, rawBody: Buffer.from('{"property": "value", "boolean": false}') })).toBe(false);
    expect(verifyTwilioJsonSignature({ ...valid, signature: flipFirstChar(valid.signature) })).toBe(false);
    expect(verifyTwilioJsonSignature({ ...valid, signature: undefined })).toBe(false);
    expect(verifyTwilioJsonSignature({ ...valid, url: vector.url, signature: vector.expectedSignature })).toBe(false);
    expect(verifyTwilioJsonSignature({ ...valid, signature: 'short' })).toBe(false);
  });
});
