import { type Identity, identityKey } from './identity';

export interface KnownIdentity extends Identity {
  customerId: string;
}

export interface CustomerResolution {
  /** The existing customer the message belongs to, or null when a new customer must be created. */
  customerId: string | null;
  /** Identities of the message not yet known anywhere: attach them to the chosen customer. */
  toAttach: Identity[];
  /** Identities that already belong to a different customer: never moved silently (a possible match). */
  conflicting: KnownIdentity[];
}

/**
 * Identity rules: the first identity of the message (the most specific one the channel
 * gives, e.g. the From address) that is already known decides the customer. Unknown identities
 * join that customer. Known identities of *other* customers are left where they are and reported,
 * because merging two people is an agent's decision, not an ingest side effect.
 */
export function resolveCustomer(incoming: Identity[], known: KnownIdentity[]): CustomerResolution {
  const byKey = new Map(known.map((k) => [identityKey(k), k]));
  const seen = new Set<string>();
  const unique = incoming.filter((i) => {
    const key = identityKey(i);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const owner = unique.map((i) => byKey.get(identityKey(i))).find((k) => k !== undefined);
  const customerId = owner?.customerId ?? null;
  const toAttach: Identity[] = [];
  const conflicting: KnownIdentity[] = [];
  for (const identity of unique) {
    const match = byKey.get(identityKey(identity));
    if (!match) toAttach.push({ kind: identity.kind, value: identity.value });
    else if (match.customerId !== customerId) conflicting.push(match);
  }
  return { customerId, toAttach, conflicting };
}
