const { transformIgnorePatterns } = require('../../../tools/test/esm-only-packages.cjs');

module.exports = {
  displayName: 'server-runtime',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // The email library's HTML sanitiser pulls in ES-module-only packages.
  transformIgnorePatterns,
  moduleFileExtensions: ['ts', 'js', 'html'],
  // Integration specs run the real API and worker against real PostgreSQL and Redis.
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
  testTimeout: 60_000,
  coverageDirectory: '../../../coverage/libs/server/runtime',
};
