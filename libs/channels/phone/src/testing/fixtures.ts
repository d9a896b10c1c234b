import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The workspace's shared real-world fixtures (test-fixtures/ at the repository root). */
const FIXTURES_DIR = join(__dirname, '../../../../../test-fixtures');

export function readFixture(relativePath: string): Buffer {
  return readFileSync(join(FIXTURES_DIR, relativePath));
}
