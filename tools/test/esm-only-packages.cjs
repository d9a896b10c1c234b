// sanitize-html's parser (htmlparser2 and its dom* / entities helpers) ships ES modules only.
// Node 20.19+ loads them with require() at run time, but Jest's CommonJS runtime cannot, so
// ts-jest (allowJs in the project's tsconfig.spec.json) transpiles those packages for tests.
const ESM_ONLY_PACKAGES = ['htmlparser2', 'domhandler', 'domutils', 'dom-serializer', 'domelementtype', 'entities'];

/** Ignore node_modules except those packages, also when nested (sanitize-html/node_modules/htmlparser2). */
module.exports.transformIgnorePatterns = [`/node_modules/(?!(?:[^/]+/node_modules/)*(?:${ESM_ONLY_PACKAGES.join('|')})/)`];
