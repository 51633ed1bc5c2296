module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // The demo provider is plain ESM run by Node, like oidc-provider itself.
  overrides: [
    {
      files: ['*.mjs'],
      parserOptions: { sourceType: 'module', ecmaVersion: 2022 },
    },
  ],
});
