export function serverDelivery(): string {
  return 'server-delivery';
}
