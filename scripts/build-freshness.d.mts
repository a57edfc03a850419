/** Whether dist/ is newer than everything it is compiled from (see build-freshness.mjs). */
export function distIsFresh(root: string): boolean;
