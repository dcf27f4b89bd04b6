"""Django's Redis cache backend, reusing one redis client instead of building one per call.

Django's RedisCacheClient makes a new `redis.Redis` for every get and set; building one fills
a table of some 170 response callbacks, which cost more than the Redis round trip itself on a
cached page. A redis client is thread-safe (its connection pool hands out connections), so one
per pool serves every thread of a process.
"""

from django.core.cache.backends import redis as django_redis


class ReusingRedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
