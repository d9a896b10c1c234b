export function serverTesting(): string {
  return 'server-testing';
}
