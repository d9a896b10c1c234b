/** What a canned response's `{{…}}` placeholders may name. */
export const CANNED_RESPONSE_PLACEHOLDERS = ['customer.firstName', 'customer.name', 'agent.firstName', 'agent.name', 'conversation.ref'] as const;
export type CannedResponsePlaceholder = (typeof CANNED_RESPONSE_PLACEHOLDERS)[number];

export interface CannedResponseContext {
  customer: { name: string | null } | null;
  agent: { name: string } | null;
  /** The conversation's reference without `#` (e.g. `4F2K`). */
  conversationRef: string | null;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const KNOWN = new Set<string>(CANNED_RESPONSE_PLACEHOLDERS);

/** The placeholders in `text` that are not ones we can fill, in order of appearance, each once. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const [, name] of text.matchAll(PLACEHOLDER)) if (!KNOWN.has(name)) unknown.add(name);
  return [...unknown];
}

const firstNameOf = (name: string | null | undefined): string | null => name?.trim().split(/\s+/)[0] || null;

function valueOf(name: CannedResponsePlaceholder, context: CannedResponseContext): string | null {
  switch (name) {
    case 'customer.name':
      return context.customer?.name?.trim() || null;
    case 'customer.firstName':
      return firstNameOf(context.customer?.name);
    case 'agent.name':
      return context.agent?.name.trim() || null;
    case 'agent.firstName':
      return firstNameOf(context.agent?.name);
    case 'conversation.ref':
      return context.conversationRef ? `#${context.conversationRef}` : null;
  }
}

/**
 * The text an agent inserts: known placeholders filled in. One whose value is missing (a customer
 * known only by an email address has no name) is left out together with the space before it, so
 * "Hi {{customer.firstName}}," reads "Hi,". An unknown placeholder stays visible for the agent to
 * fix (creation refuses them, so only text written before a placeholder was retired has one).
 */
export function renderCannedResponse(text: string, context: CannedResponseContext): string {
  return text.replace(/([ \t]?)\{\{\s*([^{}]*?)\s*\}\}/g, (match, space: string, name: string) => {
    if (!KNOWN.has(name)) return match;
    const value = valueOf(name as CannedResponsePlaceholder, context);
    return value === null ? '' : `${space}${value}`;
  });
}
