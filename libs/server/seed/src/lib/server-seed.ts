export function serverSeed(): string {
  return 'server-seed';
}
