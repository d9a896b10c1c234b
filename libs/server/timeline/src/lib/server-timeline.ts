export function serverTimeline(): string {
  return 'server-timeline';
}
