import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The workspace's shared real-world fixtures (test-fixtures/ at the repository root). */
const FIXTURES_DIR = join(__dirname, '../../../../../test-fixtures');
/** Payloads written for this library from the providers' documented formats (see its README). */
const PAYLOADS_DIR = join(__dirname, '../testing-payloads');

export function readFixture(relativePath: string): Buffer {
  return readFileSync(join(FIXTURES_DIR, relativePath));
}

export function readTestPayload(name: string): Buffer {
  return readFileSync(join(PAYLOADS_DIR, name));
}
