const { transformIgnorePatterns } = require('../../../tools/test/esm-only-packages.cjs');

module.exports = {
  displayName: 'email',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // sanitize-html's parser is ES-module-only; see tools/test/esm-only-packages.cjs.
  transformIgnorePatterns,
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/channels/email',
};
