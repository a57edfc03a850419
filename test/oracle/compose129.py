"""Loads compose projects the way Debian's docker-compose 1.29 `config` does, many per process.

Reads one job per line on stdin, a JSON object {"id", "files": [absolute paths], "projectDir",
"yaml": bool}, and writes one JSON line per job on stdout:
  {"id", "ok": true, "version": "3.8", "v1": false, "services": {...}, "yaml": "..."}  or
  {"id", "ok": false, "error": "..."};
each with "read", the files the project was made of (compose files, extended files, `.env`).

It runs the same code as `docker-compose -f FILE... --project-directory DIR config`
(compose.cli.command.get_config_from_options: Environment.from_env_file, config.find, config.load),
inside one Python process so that a thousand projects take seconds instead of minutes. Two things
differ from the command, both because the corpus holds only the compose files of each repository:
  - build contexts are not checked for existence (config.validate_paths is a no-op);
  - `env_file` files are not read into `environment` (config.resolve_environment keeps only
    `environment`): the oracle compares `environment` as the compose files write it.
The environment is controlled: os.environ is empty while a project's variables are read, so the only
variables are those of `<projectDir>/.env`, as with our loader's default (no process environment).
With "yaml": true the job also returns the exact text `config` prints (serialize_config), which the
test compares with the real command's output on projects those two changes do not touch.
"""

import json
import logging
import os
import sys

import compose
from compose.config import config as compose_config
from compose.config import environment as compose_environment
from compose.config import types
from compose.config.environment import Environment
from compose.config.serialize import serialize_config
from compose.const import COMPOSEFILE_V1 as V1

logging.disable(logging.CRITICAL)

HOME = os.environ.get('HOME', '/root')
os.environ.clear()
os.environ['HOME'] = HOME  # for `~` in volume paths (os.path.expanduser), as the command has it


def _no_path_check(service_dict):
    return None


def _environment_only(service_dict, environment=None, interpolate=True):
    env = compose_config.parse_environment(service_dict.get('environment'))
    return dict(compose_config.resolve_env_var(k, v, environment) for k, v in env.items())


compose_config.validate_paths = _no_path_check
compose_config.resolve_environment = _environment_only

# The files each project reads (compose files, extended files, .env), for the caller's cache.
_read = []
_load_yaml = compose_config.load_yaml
_env_vars_from_file = compose_environment.env_vars_from_file


def _recording_load_yaml(filename, *args, **kwargs):
    _read.append(os.path.abspath(filename))
    return _load_yaml(filename, *args, **kwargs)


def _recording_env_vars_from_file(filename, *args, **kwargs):
    _read.append(os.path.abspath(filename))
    return _env_vars_from_file(filename, *args, **kwargs)


compose_config.load_yaml = _recording_load_yaml
compose_environment.env_vars_from_file = _recording_env_vars_from_file


def plain(value):
    """Compose's typed values as plain JSON, keeping every field (not the shortened YAML forms)."""
    if isinstance(value, types.ServicePort):
        return {k: v for k, v in zip(value._fields, value)}
    if isinstance(value, types.VolumeSpec):
        return {'kind': 'short', 'external': value.external, 'internal': value.internal, 'mode': value.mode}
    if isinstance(value, types.MountSpec):
        return dict(value.repr(), kind='long')
    if hasattr(value, 'repr'):
        return plain(value.repr())
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def load(job):
    project_dir = job['projectDir']
    saved = dict(os.environ)
    os.environ.clear()
    try:
        environment = Environment.from_env_file(project_dir)
    finally:
        os.environ.update(saved)
    details = compose_config.find('.', job['files'], environment, project_dir)
    loaded = compose_config.load(details, True)
    out = {
        'id': job['id'],
        'ok': True,
        'version': str(loaded.config_version),
        'v1': loaded.version == V1,
        'services': {s['name']: plain({k: v for k, v in s.items() if k != 'name'}) for s in loaded.services},
    }
    if job.get('yaml'):
        out['yaml'] = serialize_config(loaded, None, True)
    return out


def main():
    if sys.argv[1:] == ['--version']:
        print(compose.__version__)
        return
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        del _read[:]
        try:
            out = load(job)
        except Exception as error:  # every failure is an answer: 1.29 rejects the project
            message = getattr(error, 'msg', None) or str(error) or type(error).__name__
            out = {'id': job['id'], 'ok': False, 'error': '%s: %s' % (type(error).__name__, message)}
        out['read'] = sorted(set(_read + [os.path.join(job['projectDir'], '.env')]))
        sys.stdout.write(json.dumps(out) + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()
