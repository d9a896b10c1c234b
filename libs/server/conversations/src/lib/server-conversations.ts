export function serverConversations(): string {
  return 'server-conversations';
}
