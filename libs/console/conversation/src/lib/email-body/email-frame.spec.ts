import { emailFrameDocument, emailFramePolicy } from './email-frame';

describe('emailFramePolicy', () => {
  const directives = (policy: string) =>
    Object.fromEntries(
      policy
        .split(';')
        .map((d) => d.trim().split(' '))
        .map(([name, ...sources]) => [name, sources]),
    );

  it('should run no script and fetch nothing but the email’s own images until the agent asks', () => {
    const policy = directives(emailFramePolicy(false));
    expect(policy['default-src']).toEqual(["'none'"]);
    expect(policy['script-src']).toEqual(["'none'"]);
    expect(policy['img-src']).toEqual(['blob:', 'data:']);
    expect(policy['form-action']).toEqual(["'none'"]);
  });

  it('should let remote images in over https once the agent asked for them', () => {
    expect(directives(emailFramePolicy(true))['img-src']).toEqual(['blob:', 'data:', 'https:']);
  });
});

describe('emailFrameDocument', () => {
  it('should put the policy before the email, so that it covers all of it', () => {
    const doc = emailFrameDocument('<p>Hello</p>', false);
    expect(doc.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(doc.indexOf('<p>Hello</p>'));
    expect(doc.endsWith('<p>Hello</p>')).toBe(true);
  });
});
