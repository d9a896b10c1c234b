const { transformIgnorePatterns } = require('../../../tools/test/esm-only-packages.cjs');

module.exports = {
  displayName: 'server-connectors',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // The provider specs pull in the email library, whose HTML sanitiser is ES-module-only.
  transformIgnorePatterns,
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/server/connectors',
};
