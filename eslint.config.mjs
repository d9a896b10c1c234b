import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            // Type axis: apps compose features; features compose data-access; utils stand alone.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            // Scope axis: the console never reaches server code, and the server never reaches console code.
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:server', 'scope:shared'] },
            { sourceTag: 'scope:worker', onlyDependOnLibsWithTags: ['scope:worker', 'scope:server', 'scope:shared'] },
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:console', 'scope:shared'] },
            // The chat widget runs on customers' websites: shared contracts only.
            { sourceTag: 'scope:widget', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // The domain depends on nothing of ours and on no framework.
            {
              sourceTag: 'layer:domain',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: ['@nestjs/*', '@angular/*', 'typeorm', 'pg', 'bullmq', 'ioredis', 'socket.io*', 'express'],
            },
            // Channel adapters verify, parse and normalise; they never touch the database, queues or Nest.
            {
              sourceTag: 'layer:channel',
              onlyDependOnLibsWithTags: ['layer:domain', 'layer:outbound'],
              bannedExternalImports: ['@nestjs/*', 'typeorm', 'pg', 'bullmq', 'ioredis', '@socket.io/*', 'socket.io'],
            },
            // The outbound guard (SSRF): what channel adapters connect through to addresses from connector settings.
            {
              sourceTag: 'layer:outbound',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: ['@nestjs/*', '@angular/*', 'typeorm', 'pg', 'bullmq', 'ioredis', '@socket.io/*', 'socket.io', 'express'],
            },
            // Insights are pure, explainable functions: no I/O, no framework, no database.
            {
              sourceTag: 'layer:insights',
              onlyDependOnLibsWithTags: ['layer:domain'],
              bannedExternalImports: ['@nestjs/*', '@angular/*', 'typeorm', 'pg', 'bullmq', 'ioredis', '@socket.io/*', 'socket.io', 'express'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts', '**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs'],
    // Override or add rules here
    rules: {},
  },
];
