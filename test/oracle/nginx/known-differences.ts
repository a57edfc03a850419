/**
 * Corpus files where nginx and the parser disagree, each with what the parser says (the test
 * checks it is still exactly that) and why the difference is expected. The oracle test fails on a
 * difference not listed here, and on an entry that no longer occurs.
 */
export interface NginxKnownDifference {
  /** The parser's first syntax finding, as the oracle prints it: `file:line: message`. */
  ours: string;
  reason: string;
}

export const NGINX_KNOWN_DIFFERENCES: Readonly<Record<string, NginxKnownDifference>> = {
  'certbot__certbot/certbot/src/certbot/_internal/tests/plugins/nginx/testdata/etc_nginx/broken.conf': {
    ours: 'certbot__certbot/certbot/src/certbot/_internal/tests/plugins/nginx/testdata/etc_nginx/broken.conf:13: unexpected end of file, expecting ";" or "}"',
    reason:
      'nginx never reaches the broken part: it stops in foo.conf, which broken.conf includes first, at a check made when ' +
      'that file\'s http block ends (no ssl_certificate for "listen ... ssl"), and the oracle blanks out refused ' +
      'directives only in the file under test. The file ends (line 13) right after the word "@@@" with no ";", which ' +
      "nginx's reader refuses with this message once it gets there (as the unit tests check for the same text).",
  },
};
