/**
 * The corpus files nginx refuses for a syntax reason, with where and why (`file:line: message`), as
 * Debian's nginx 1.22 said when this list was written: a snapshot, so that a change of nginx or of
 * the oracle's method shows in review. The parser must report each one at the same file and line
 * with the same message (test/oracle/nginx.test.ts); every other corpus file nginx accepts, or
 * refuses for reasons that are not syntax (a missing certificate, an unresolvable host, a module
 * Debian does not build), and the parser must find no syntax error in it.
 */
export const NGINX_SYNTAX_VERDICTS: Readonly<Record<string, string>> = {
  'nginxinc__NGINX-Demos/consul-template-demo/nginx/nginx.conf': 'nginxinc__NGINX-Demos/consul-template-demo/nginx/nginx.conf:1: unexpected "{"',
  'nginxinc__crossplane/tests/configs/includes-globbed/servers/locations/not-included.conf': 'nginxinc__crossplane/tests/configs/includes-globbed/servers/locations/not-included.conf:3: unexpected end of file, expecting ";" or "}"',
  'nginxinc__crossplane/tests/configs/includes-globbed/servers/server1.conf': 'nginxinc__crossplane/tests/configs/includes-globbed/servers/locations/not-included.conf:3: unexpected end of file, expecting ";" or "}"',
  'nginxinc__crossplane/tests/configs/includes-globbed/servers/server2.conf': 'nginxinc__crossplane/tests/configs/includes-globbed/servers/locations/not-included.conf:3: unexpected end of file, expecting ";" or "}"',
  'nginxinc__crossplane/tests/configs/includes-regular/conf.d/bar.conf': 'nginxinc__crossplane/tests/configs/includes-regular/conf.d/bar.conf:3: unexpected end of file, expecting ";" or "}"',
  'nginxinc__crossplane/tests/configs/includes-regular/conf.d/foo.conf': 'nginxinc__crossplane/tests/configs/includes-regular/conf.d/foo.conf:3: unexpected end of file, expecting ";" or "}"',
  'nginxinc__crossplane/tests/configs/includes-regular/conf.d/server.conf': 'nginxinc__crossplane/tests/configs/includes-regular/conf.d/foo.conf:3: unexpected end of file, expecting ";" or "}"',
  'nginxinc__crossplane/tests/configs/missing-semicolon/broken-above.conf': 'nginxinc__crossplane/tests/configs/missing-semicolon/broken-above.conf:5: unexpected "}"',
  'nginxinc__crossplane/tests/configs/missing-semicolon/broken-below.conf': 'nginxinc__crossplane/tests/configs/missing-semicolon/broken-below.conf:8: unexpected "}"',
  'nginxinc__crossplane/tests/configs/quote-behavior/nginx.conf': 'nginxinc__crossplane/tests/configs/quote-behavior/nginx.conf:1: unexpected "-"',
  'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab': 'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab:45: directive "server_name" is not terminated by ";"',
  'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab-pages': 'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab-pages:8: directive "server_name" is not terminated by ";"',
  'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab-pages-ssl': 'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab-pages-ssl:14: directive "server_name" is not terminated by ";"',
  'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab-registry': 'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab-registry:11: directive "server_name" is not terminated by ";"',
  'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab-ssl': 'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab-ssl:51: directive "return" is not terminated by ";"',
  'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab_ci': 'sameersbn__docker-gitlab/assets/runtime/config/nginx/gitlab_ci:4: directive "server_name" is not terminated by ";"',
};
