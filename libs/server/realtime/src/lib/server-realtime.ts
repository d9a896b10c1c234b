export function serverRealtime(): string {
  return 'server-realtime';
}
