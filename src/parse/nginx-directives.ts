/**
 * What the parser knows about nginx's own directives: which take a block and which never do, so
 * that `location /;` and `server_name {{HOST}};` are errors as they are to nginx. Directives of
 * other modules are read by the grammar alone (a `{` opens a block, a `;` ends a directive).
 */

/** Directives whose block is a table the directive reads itself (any name, no nested block). */
export const TABLE_BLOCKS: ReadonlySet<string> = new Set(['map', 'types', 'geo', 'split_clients', 'charset_map']);

/** Directives that always take a block. `server` does too, except inside `upstream` (see `SERVER_BLOCK_PARENTS`). */
export const BLOCK_DIRECTIVES: ReadonlySet<string> = new Set(['http', 'events', 'stream', 'mail', 'location', 'upstream', 'if', 'limit_except', ...TABLE_BLOCKS]);

/** Where `server` is a virtual server (a block) rather than a member of an upstream. */
export const SERVER_BLOCK_PARENTS: ReadonlySet<string> = new Set(['http', 'stream', 'mail']);

/** The directives of nginx's own modules (as Debian builds it) that never take a block. */
export const SIMPLE_DIRECTIVES: ReadonlySet<string> = new Set(
  `
  include user worker_processes pid daemon master_process env load_module lock_file pcre_jit thread_pool
  timer_resolution working_directory worker_cpu_affinity worker_priority worker_shutdown_timeout
  worker_rlimit_nofile worker_connections multi_accept use accept_mutex accept_mutex_delay debug_connection
  error_log access_log log_format log_subrequest log_not_found open_log_file_cache rewrite_log
  listen server_name server_name_in_redirect port_in_redirect absolute_redirect server_tokens
  root alias index try_files error_page internal return rewrite set break uninitialized_variable_warn
  default_type types_hash_max_size types_hash_bucket_size server_names_hash_max_size
  server_names_hash_bucket_size variables_hash_max_size variables_hash_bucket_size map_hash_max_size
  map_hash_bucket_size client_max_body_size client_body_buffer_size client_body_timeout
  client_body_temp_path client_body_in_file_only client_header_timeout client_header_buffer_size
  large_client_header_buffers keepalive_timeout keepalive_requests keepalive_disable send_timeout
  sendfile sendfile_max_chunk tcp_nopush tcp_nodelay directio aio output_buffers postpone_output
  reset_timedout_connection lingering_close underscores_in_headers ignore_invalid_headers merge_slashes
  chunked_transfer_encoding etag if_modified_since resolver resolver_timeout open_file_cache
  open_file_cache_valid open_file_cache_min_uses open_file_cache_errors subrequest_output_buffer_size
  add_header add_trailer expires charset charset_types source_charset override_charset
  allow deny satisfy auth_basic auth_basic_user_file auth_request auth_request_set
  limit_req limit_req_zone limit_req_status limit_conn limit_conn_zone limit_conn_status limit_rate
  limit_rate_after set_real_ip_from real_ip_header real_ip_recursive stub_status autoindex
  autoindex_exact_size autoindex_format autoindex_localtime random_index
  gzip gzip_types gzip_proxied gzip_vary gzip_disable gzip_static gzip_comp_level gzip_min_length
  gzip_http_version gzip_buffers gunzip sub_filter sub_filter_once sub_filter_types
  sub_filter_last_modified add_before_body add_after_body addition_types ssi ssi_types
  proxy_pass proxy_set_header proxy_hide_header proxy_pass_header proxy_http_version proxy_redirect
  proxy_read_timeout proxy_send_timeout proxy_connect_timeout proxy_buffering proxy_buffers
  proxy_buffer_size proxy_busy_buffers_size proxy_max_temp_file_size proxy_temp_path
  proxy_request_buffering proxy_intercept_errors proxy_next_upstream proxy_ignore_headers
  proxy_cookie_path proxy_cookie_domain proxy_pass_request_headers proxy_pass_request_body
  proxy_method proxy_set_body proxy_bind proxy_cache proxy_cache_path proxy_cache_key
  proxy_cache_valid proxy_cache_bypass proxy_no_cache proxy_cache_use_stale proxy_cache_lock
  proxy_ssl_server_name proxy_ssl_verify proxy_ssl_name proxy_ssl_protocols proxy_ssl_ciphers
  proxy_ssl_certificate proxy_ssl_certificate_key proxy_ssl_trusted_certificate proxy_ssl_session_reuse
  proxy_timeout proxy_protocol
  fastcgi_pass fastcgi_param fastcgi_index fastcgi_split_path_info fastcgi_intercept_errors
  fastcgi_read_timeout fastcgi_send_timeout fastcgi_connect_timeout fastcgi_buffers fastcgi_buffer_size
  fastcgi_busy_buffers_size fastcgi_temp_file_write_size fastcgi_temp_path fastcgi_pass_header
  fastcgi_hide_header fastcgi_cache fastcgi_cache_path fastcgi_cache_key fastcgi_cache_valid
  uwsgi_pass uwsgi_param uwsgi_read_timeout scgi_pass scgi_param grpc_pass grpc_set_header memcached_pass
  ssl ssl_certificate ssl_certificate_key ssl_protocols ssl_ciphers ssl_prefer_server_ciphers
  ssl_session_cache ssl_session_timeout ssl_session_tickets ssl_dhparam ssl_ecdh_curve ssl_stapling
  ssl_stapling_verify ssl_trusted_certificate ssl_client_certificate ssl_verify_client ssl_verify_depth
  ssl_buffer_size ssl_early_data ssl_password_file ssl_crl http2 keepalive
  valid_referers secure_link secure_link_md5 secure_link_secret userid userid_name userid_domain
  userid_path userid_expires dav_methods dav_access create_full_put_path min_delete_depth empty_gif mp4 flv
  `
    .trim()
    .split(/\s+/),
);
