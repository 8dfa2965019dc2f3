from django.contrib.auth.hashers import Argon2PasswordHasher


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Still argon2 (same algorithm and encoding), with costs low enough for a test suite."""

    time_cost = 1
    memory_cost = 256
    parallelism = 1
