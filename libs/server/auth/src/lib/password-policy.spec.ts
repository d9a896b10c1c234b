import { PASSWORD_MIN_LENGTH, passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('should refuse passwords shorter than the minimum', () => {
    expect(passwordProblem('a'.repeat(PASSWORD_MIN_LENGTH - 1))).toMatch(/at least 10/);
  });

  it('should refuse common passwords and their usual variants in any case', () => {
    for (const common of ['password123', 'Qwertyuiop', 'iloveyou2024', 'Football123!', 'welcome12345']) expect(passwordProblem(common)).toMatch(/most common/);
  });

  it('should refuse a password made of its owner’s email or name', () => {
    expect(passwordProblem('samantha.rivera', { email: 'samantha.rivera@example.com' })).toMatch(/name or email/);
    expect(passwordProblem('Samantha Rivera', { name: 'Samantha Rivera' })).toMatch(/name or email/);
  });

  it('should refuse one character repeated', () => {
    expect(passwordProblem('zzzzzzzzzzzz')).toMatch(/different characters/);
  });

  it('should accept a long uncommon passphrase', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('tangerine-otter-41-maps', { email: 'sam@example.com', name: 'Sam' })).toBeNull();
  });
});
