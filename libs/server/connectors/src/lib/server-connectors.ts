export function serverConnectors(): string {
  return 'server-connectors';
}
