"""Django's Redis cache backend, reusing one redis client instead of building one per call,
and the page cache's reads and writes that need one round trip each, not several.

Django's RedisCacheClient makes a new `redis.Redis` for every get and set; building one fills
a table of some 170 response callbacks, which cost more than the Redis round trip itself on a
cached page. A redis client is thread-safe (its connection pool hands out connections), so one
per pool serves every thread of a process.

A miss used to make a dozen round trips of its own (the lookup, the render lock, one `add` per
key version a page starts, the store, the lock's release); each costs more CPU in redis-py than
what Redis does for it. The functions at the bottom do each step in one round trip on Redis
(a script or a pipeline) and with the plain cache calls on any other backend (tests, local
development), with the same outcome.
"""

from django.core.cache import caches
from django.core.cache.backends import redis as django_redis

# Reads keys[1:] and, only if the first of them (the page) is absent, takes the lock keys[0].
GET_MANY_LOCK_IF_ABSENT = """
local found = redis.call('MGET', unpack(KEYS, 2))
local locked = 0
if not found[1] and redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then
    locked = 1
end
found[#found + 1] = locked
return found
"""
# Starts every key that has no value at ARGV[1], then reads them all.
ADD_THEN_GET_MANY = """
for _, key in ipairs(KEYS) do
    redis.call('SET', key, ARGV[1], 'NX')
end
return redis.call('MGET', unpack(KEYS))
"""


class ReusingRedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._scripts = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client

    def script(self, source: str):
        """Return `source` as a script of the writing client (sent by its digest once loaded)."""
        script = self._scripts.get(source)
        if script is None:
            script = self._scripts[source] = self.get_client(write=True).register_script(source)
        return script

    def loaded(self, keys, values) -> dict:
        return {
            key: self._serializer.loads(value)
            for key, value in zip(keys, values, strict=True)
            if value is not None
        }


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def validate_key(self, key):
        """Skip Django's memcached portability warnings: Redis takes any key, and checking
        each character of the forty-odd keys a miss reads cost more than building them."""

    def made_keys(self, keys) -> dict[str, str]:
        return {self.make_and_validate_key(key): key for key in keys}

    def get_many_lock_if_absent(self, keys, lock: str, timeout: int) -> tuple[dict, bool]:
        made = self.made_keys(keys)
        script = self._cache.script(GET_MANY_LOCK_IF_ABSENT)
        *values, locked = script(keys=[self.make_and_validate_key(lock), *made], args=[1, timeout])
        found = self._cache.loaded(made, values)
        return {made[key]: value for key, value in found.items()}, bool(locked)

    def add_then_get_many(self, keys, value: int) -> dict:
        made = self.made_keys(keys)
        values = self._cache.script(ADD_THEN_GET_MANY)(keys=list(made), args=[value])
        return {made[key]: value for key, value in self._cache.loaded(made, values).items()}

    def set_and_delete(self, key, value, timeout: int, delete: str) -> None:
        pipeline = self._cache.get_client(write=True).pipeline(transaction=False)
        pipeline.set(
            self.make_and_validate_key(key), self._cache._serializer.dumps(value), ex=timeout
        )
        pipeline.delete(self.make_and_validate_key(delete))
        pipeline.execute()


def shared_backend():
    return caches["default"]


def get_many_lock_if_absent(keys: list[str], lock: str, timeout: int) -> tuple[dict, bool]:
    """Read `keys`; if the first is absent, also take `lock` for `timeout` seconds if free.

    Return (what was found, whether the lock was taken).
    """
    backend = shared_backend()
    if isinstance(backend, RedisCache):
        return backend.get_many_lock_if_absent(keys, lock, timeout)
    found = backend.get_many(keys)
    return found, keys[0] not in found and backend.add(lock, 1, timeout=timeout)


def add_then_get_many(keys: list[str], value: int) -> dict:
    """Give `value` (kept forever) to each of `keys` without one, then read them all."""
    backend = shared_backend()
    if isinstance(backend, RedisCache):
        return backend.add_then_get_many(keys, value)
    found = backend.get_many(keys)
    for key in keys:
        if key not in found and backend.add(key, value, timeout=None):
            found[key] = value
    found.update(backend.get_many([key for key in keys if key not in found]))
    return found


def set_and_delete(key: str, value, timeout: int, delete: str) -> None:
    """Store `value` under `key` for `timeout` seconds and delete `delete`."""
    backend = shared_backend()
    if isinstance(backend, RedisCache):
        return backend.set_and_delete(key, value, timeout, delete)
    backend.set(key, value, timeout)
    backend.delete(delete)
