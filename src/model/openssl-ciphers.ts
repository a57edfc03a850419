/**
 * OpenSSL cipher lists (`ssl_ciphers` of nginx, postgres and redis's `tls-ciphers`), read as
 * OpenSSL reads them, to say which weak suites a list asks for. A list is elements separated by
 * `:` (or `,` and spaces); an element is a suite name or an alias, several joined by `+` select the
 * suites all of them match; `!` removes suites for good, `-` removes them until a later element adds
 * them again, `+` in front only moves suites to the end, and `@STRENGTH`, `@SECLEVEL=n` are
 * commands. Aliases mean what they mean from OpenSSL 1.1.0 on (3DES in MEDIUM, not HIGH nor
 * DEFAULT; no export or single-DES suites built): the weak suites an alias selects are those a
 * build that has them would offer, whatever the security level drops at run time.
 */

/** A kind of weak suite. `ADH` and `AECDH` are the two anonymous (aNULL) kinds, so that `!ADH` alone leaves anonymous ECDH in. */
export type WeakCipherKind = 'NULL' | 'ADH' | 'AECDH' | 'EXPORT' | 'DES' | 'RC4' | '3DES' | 'MD5';

/** The kinds in words, for findings. */
export const WEAK_CIPHER_KIND_NAMES: Readonly<Record<WeakCipherKind, string>> = {
  NULL: 'unencrypted (eNULL)',
  ADH: 'anonymous DH (aNULL)',
  AECDH: 'anonymous ECDH (aNULL)',
  EXPORT: 'export-grade (EXPORT)',
  DES: 'single DES (LOW)',
  RC4: 'RC4',
  '3DES': '3DES (SWEET32)',
  MD5: 'MD5-MAC',
};

/** One element of a cipher list, with its place in the list's text (`end` exclusive). */
export interface CipherElement {
  readonly text: string;
  readonly prefix: '' | '!' | '-' | '+';
  /** The `+`-joined parts after the prefix: `['EECDH', 'AESGCM']`. */
  readonly parts: readonly string[];
  readonly start: number;
  readonly end: number;
}

/** An element that adds weak suites to the list, and the kinds that are still in the list at its end. */
export interface WeakCipherElement {
  readonly element: CipherElement;
  readonly kinds: readonly WeakCipherKind[];
  /** True when the element names weak suites itself (`RC4`, `DES-CBC3-SHA`, `aNULL`), false when they come with a broad alias (`ALL`, `HIGH`, `SHA`). */
  readonly explicit: boolean;
}

/** The aliases that name a weak kind itself. */
const WEAK_ALIASES = new Set(['eNULL', 'NULL', 'COMPLEMENTOFALL', 'aNULL', 'ADH', 'AECDH', 'EXPORT', 'EXP', 'EXPORT40', 'EXPORT56', 'LOW', 'DES', 'RC4', '3DES', 'MD5']);

const ANON: WeakCipherKind[] = ['ADH', 'AECDH'];
/** Suites of every key exchange and MAC that TLS 1.0-era lists carry: NULL, 3DES, RC4. */
const LEGACY: WeakCipherKind[] = ['NULL', '3DES', 'RC4'];

/** The weak kinds each alias may select (OpenSSL 1.1.0 and later). An alias not listed selects none. */
const ALIASES: Readonly<Record<string, readonly WeakCipherKind[]>> = {
  ALL: [...ANON, '3DES', 'RC4'],
  MEDIUM: [...ANON, '3DES', 'RC4'],
  COMPLEMENTOFDEFAULT: [...ANON, '3DES', 'RC4'],
  HIGH: ANON,
  eNULL: ['NULL'],
  NULL: ['NULL'],
  COMPLEMENTOFALL: ['NULL'],
  aNULL: [...ANON, 'NULL'],
  ADH: ['ADH', '3DES', 'RC4'],
  AECDH: ['AECDH', 'NULL', '3DES', 'RC4'],
  EXPORT: ['EXPORT'],
  EXP: ['EXPORT'],
  EXPORT40: ['EXPORT'],
  EXPORT56: ['EXPORT'],
  LOW: ['DES'],
  DES: ['DES'],
  RC4: ['RC4'],
  '3DES': ['3DES'],
  MD5: ['MD5', 'RC4'],
  AES: ANON,
  AES128: ANON,
  AES256: ANON,
  AESGCM: ['ADH'],
  CAMELLIA: ['ADH'],
  CAMELLIA128: ['ADH'],
  CAMELLIA256: ['ADH'],
  SHA256: ['ADH', 'NULL'],
  SHA384: ['NULL'],
  SHA: [...ANON, ...LEGACY],
  SHA1: [...ANON, ...LEGACY],
  DH: ['ADH', '3DES', 'RC4'],
  kEDH: ['ADH', '3DES', 'RC4'],
  kDHE: ['ADH', '3DES', 'RC4'],
  EDH: ['3DES'],
  DHE: ['3DES'],
  ECDH: ['AECDH', ...LEGACY],
  kEECDH: ['AECDH', ...LEGACY],
  kECDHE: ['AECDH', ...LEGACY],
  EECDH: LEGACY,
  ECDHE: LEGACY,
  RSA: LEGACY,
  kRSA: LEGACY,
  aRSA: LEGACY,
  ECDSA: LEGACY,
  aECDSA: LEGACY,
  PSK: LEGACY,
  SSLv3: [...ANON, ...LEGACY],
  TLSv1: [...ANON, ...LEGACY],
  'TLSv1.0': [...ANON, ...LEGACY],
  'TLSv1.2': [...ANON, 'NULL'],
};

/** The weak kinds a suite name says it is: `DES-CBC3-SHA` → 3DES, `ADH-AES256-SHA` → anonymous DH. */
function suiteKinds(name: string): WeakCipherKind[] {
  const kinds: WeakCipherKind[] = [];
  if (/(^|-)NULL(-|$)/.test(name)) kinds.push('NULL');
  if (/^ADH-|^DH-anon|^EXP-ADH-/.test(name)) kinds.push('ADH');
  if (/^AECDH-|^ECDH-anon/.test(name)) kinds.push('AECDH');
  if (/^EXP1?0?2?4?-/.test(name)) kinds.push('EXPORT');
  if (/RC4/.test(name)) kinds.push('RC4');
  if (/DES-CBC3|3DES|DES-EDE/.test(name)) kinds.push('3DES');
  else if (/(^|-)DES-CBC(-|$)/.test(name)) kinds.push('DES');
  if (/-MD5$/.test(name)) kinds.push('MD5');
  return kinds;
}

/** The aliases that name every suite of a weak kind, so that `!alias` removes the whole kind (`!aNULL` both anonymous kinds). */
const COVERS: Readonly<Record<string, readonly WeakCipherKind[]>> = {
  eNULL: ['NULL'],
  NULL: ['NULL'],
  COMPLEMENTOFALL: ['NULL'],
  aNULL: ANON,
  COMPLEMENTOFDEFAULT: [...ANON, '3DES', 'RC4'],
  ADH: ['ADH'],
  DH: ['ADH'],
  kEDH: ['ADH'],
  kDHE: ['ADH'],
  AECDH: ['AECDH'],
  ECDH: ['AECDH'],
  kEECDH: ['AECDH'],
  kECDHE: ['AECDH'],
  EXPORT: ['EXPORT'],
  EXP: ['EXPORT'],
  LOW: ['DES'],
  DES: ['DES'],
  RC4: ['RC4'],
  MEDIUM: ['3DES', 'RC4'],
  '3DES': ['3DES'],
  MD5: ['MD5'],
};

function partKinds(part: string): readonly WeakCipherKind[] {
  if (Object.hasOwn(ALIASES, part)) return ALIASES[part]!;
  return part.includes('-') ? suiteKinds(part) : [];
}

/** The elements of a cipher list, with their offsets in it. */
export function cipherElements(list: string): CipherElement[] {
  const elements: CipherElement[] = [];
  for (const m of list.matchAll(/[^:, ]+/g)) {
    const text = m[0];
    const prefix = text[0] === '!' || text[0] === '-' || text[0] === '+' ? text[0] : '';
    elements.push({ text, prefix, parts: text.slice(prefix.length).split('+').filter((p) => p !== ''), start: m.index, end: m.index + text.length });
  }
  return elements;
}

/** The weak kinds an element selects: those every one of its `+`-joined parts may select. */
function elementKinds(element: CipherElement): WeakCipherKind[] {
  const [first, ...rest] = element.parts.map(partKinds);
  return (first ?? []).filter((kind) => rest.every((kinds) => kinds.includes(kind)));
}

/** The weak kinds a removing element (`!x`, `-x`) takes out whole: only a single alias that names every suite of the kind does. */
function removedKinds(element: CipherElement): readonly WeakCipherKind[] {
  const [only, ...more] = element.parts;
  return only !== undefined && more.length === 0 && Object.hasOwn(COVERS, only) ? COVERS[only]! : [];
}

/**
 * The elements of a cipher list that add weak suites which stay in the list: not removed for good
 * by a `!` element anywhere, nor by a `-` element after them. Commands (`@…`) and `+` moves add
 * nothing.
 */
export function weakCipherElements(list: string): WeakCipherElement[] {
  const elements = cipherElements(list).filter((e) => !e.text.startsWith('@'));
  const banned = new Set(elements.filter((e) => e.prefix === '!').flatMap(removedKinds));
  return elements.flatMap((element, i) => {
    if (element.prefix !== '') return [];
    const removedLater = new Set(elements.slice(i + 1).filter((e) => e.prefix === '-').flatMap(removedKinds));
    const kinds = elementKinds(element).filter((kind) => !banned.has(kind) && !removedLater.has(kind));
    const explicit = element.parts.some((part) => WEAK_ALIASES.has(part) || (!Object.hasOwn(ALIASES, part) && suiteKinds(part).length > 0));
    return kinds.length > 0 ? [{ element, kinds, explicit }] : [];
  });
}
