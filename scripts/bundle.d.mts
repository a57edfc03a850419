/** The bundled CLI that bin/escashop-lint.js runs (relative to the package root). */
export const BUNDLE: string;
/** esbuild's metafile of the bundle: which modules it holds. */
export const BUNDLE_META: string;
/** Builds the bundle and its metafile. */
export function bundle(): Promise<void>;
