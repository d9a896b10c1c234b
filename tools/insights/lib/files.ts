import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';

/** The repository root; default data paths are relative to it, as the README documents. */
export const REPO_ROOT = resolve(__dirname, '../../..');

export function repoPath(relative: string): string {
  return resolve(REPO_ROOT, relative);
}

export interface DataFile {
  file: string;
  sha256: string;
  text: string;
}

export function readDataFile(path: string): DataFile {
  const bytes = readFileSync(path);
  return {
    file: basename(path),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    text: bytes.toString('utf8'),
  };
}
