import { hash as hashOnThisThread } from 'bcryptjs';
import { hashPassword, verifyPassword } from './password';

// The test's own copy of bcryptjs refuses to run: passing tests prove every hash and comparison
// happened in the worker threads (which load their own copy), never on the event loop.
jest.mock('bcryptjs', () => ({
  hash: jest.fn(() => Promise.reject(new Error('bcrypt ran on the event loop'))),
  compare: jest.fn(() => Promise.reject(new Error('bcrypt ran on the event loop'))),
}));

// A hash made by bcryptjs before this change ('correct horse battery staple', cost 4): old hashes keep working.
const EXISTING_HASH = '$2b$04$Qi4T9VgvkpoNMyMDuw3lBeK8lM8vyFGjrzvl70bVDr0BTLB2Vv30u';

describe('password hashing off the event loop', () => {
  it('should hash and verify in worker threads', async () => {
    const hash = await hashPassword('tangerine-otter-41-maps', 4);
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    await expect(verifyPassword('tangerine-otter-41-maps', hash)).resolves.toBe(true);
    await expect(verifyPassword('tangerine-otter-42-maps', hash)).resolves.toBe(false);
    expect(hashOnThisThread).not.toHaveBeenCalled();
  });

  it('should verify hashes made before the move to worker threads', async () => {
    await expect(verifyPassword('correct horse battery staple', EXISTING_HASH)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', EXISTING_HASH)).resolves.toBe(false);
  });

  it('should keep the event loop turning while a flood of comparisons runs', async () => {
    const hash = await hashPassword('tangerine-otter-41-maps', 10);
    let turns = 0;
    let flooding = true;
    const spin = (): void => {
      turns += 1;
      if (flooding) setImmediate(spin);
    };
    setImmediate(spin);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => verifyPassword(`guess-${i}`, hash)));
    flooding = false;
    expect(results.every((valid) => !valid)).toBe(true);
    // Twelve cost-10 comparisons on the event loop would have allowed only a few dozen turns at most
    // (bcryptjs yields rarely); in workers the loop keeps turning throughout.
    expect(turns).toBeGreaterThan(1000);
  });
});
