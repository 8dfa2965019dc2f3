"""Embeddings as bytes for the database (Idea.embedding, a BLOB / bytea column)."""

import numpy as np

# Little-endian float32 whatever the machine, so a database moves between hosts.
DTYPE = np.dtype("<f4")


def pack(vector: np.ndarray) -> bytes:
    """Unit-length float32 vector -> bytes (384 dimensions: 1,536 bytes)."""
    vector = np.asarray(vector, dtype=np.float32).ravel()
    norm = np.linalg.norm(vector)
    if norm:
        vector = vector / norm
    return vector.astype(DTYPE).tobytes()


def unpack(data: bytes | memoryview | None, dim: int | None = None) -> np.ndarray | None:
    """Bytes -> float32 vector; None when missing or not of the expected dimension."""
    if data is None:
        return None
    data = bytes(data)
    if not data or len(data) % DTYPE.itemsize:
        return None
    vector = np.frombuffer(data, dtype=DTYPE).astype(np.float32)
    if dim is not None and len(vector) != dim:
        return None
    return vector
