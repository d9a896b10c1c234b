import { z } from 'zod';
import type { ConnectorProvider } from '@throughline/domain';

/** What the server knows about each provider it can run. Later channels register theirs here. */
export interface ProviderSpec {
  config: z.ZodType<Record<string, unknown>>;
  /** Secrets the admin must supply. */
  requiredSecrets: string[];
  /** Secrets the server generates at creation and returns once. */
  generatedSecret?: 'signingSecret';
  /** Inbound webhook paths, relative to /api/hooks/:connectorId/. */
  webhookPaths: string[];
}

export const PROVIDERS: Partial<Record<ConnectorProvider, ProviderSpec>> = {
  generic: {
    config: z
      .object({
        callbackUrl: z
          .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
          .optional(),
      })
      .strict(),
    requiredSecrets: [],
    generatedSecret: 'signingSecret',
    webhookPaths: ['generic'],
  },
};
