/** The six checks the product was specified with: the unhardened seed stack fails every one of them. */
export const SEED_RULES = [
  'compose/cap-drop-all',
  'compose/healthcheck',
  'compose/ingress-only-ports',
  'compose/no-plaintext-secrets',
  'compose/non-root-user',
  'compose/resource-limits',
];
