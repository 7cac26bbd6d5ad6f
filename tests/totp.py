"""RFC 6238 time-based one-time codes, computed the way an authenticator app does."""

import base64
import hashlib
import hmac
import struct
import time


def totp(secret, offset=0, period=30):
    """The six-digit code for the current period, or a neighbouring one with offset."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int(time.time() // period) + offset
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    start = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[start : start + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{value:06d}"


def activate_totp(user):
    """Give a user an authenticator app, as staff must have; returns its secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret
