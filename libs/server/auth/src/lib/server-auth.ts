export function serverAuth(): string {
  return 'server-auth';
}
