import type { Formatter } from './formatter.js';
import { formatText } from './text.js';

export const FORMATTERS: Readonly<Record<string, Formatter>> = {
  text: formatText,
};

export type { FormatContext, Formatter } from './formatter.js';
