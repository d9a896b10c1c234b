export function serverHealth(): string {
  return 'server-health';
}
