"""Time-ordered UUIDs (version 7, RFC 9562) for primary keys that sync well."""

import os
import time
import uuid


def uuid7() -> uuid.UUID:
    """A UUID whose first 48 bits are the Unix time in milliseconds.

    Rows created later sort later, so indexes stay compact and two nodes never
    mint the same key without talking to each other.
    """
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (millis & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= ((rand >> 62) & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    return uuid.UUID(int=value)
