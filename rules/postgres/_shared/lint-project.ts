/** A compose file with one postgres service `db` (image, then the indented lines given). */
export function dbService(image: string, ...lines: string[]): string {
  return ['services:', '  db:', `    image: ${image}`, ...lines.map((l) => `    ${l}`), ''].join('\n');
}
