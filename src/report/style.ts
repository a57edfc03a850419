/** ANSI styling, applied only when the caller decided the stream takes color. */
const CODES = { red: [31, 39], yellow: [33, 39], blue: [34, 39], dim: [2, 22], bold: [1, 22], underline: [4, 24], green: [32, 39] } as const;

export type StyleName = keyof typeof CODES;
export type Stylize = (style: StyleName, text: string) => string;

export function stylizer(color: boolean): Stylize {
  return color ? (style, text) => `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m` : (_style, text) => text;
}

/**
 * Whether to color a stream: FORCE_COLOR (not 0/false) forces it on, NO_COLOR (any non-empty value)
 * turns it off, otherwise only a TTY gets color.
 */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}
