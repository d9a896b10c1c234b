export function serverCustomers(): string {
  return 'server-customers';
}
