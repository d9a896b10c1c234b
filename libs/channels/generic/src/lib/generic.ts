export function generic(): string {
  return 'generic';
}
