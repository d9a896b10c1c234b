export function serverIngest(): string {
  return 'server-ingest';
}
