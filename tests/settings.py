"""Settings for the test suite: the application's own settings, with fast hashing and the outbox."""

import os

os.environ.setdefault("WPM_ENV", "test")

from wpm.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Uploads go to a throw-away folder, never into the developer's own media.
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"  # noqa: F405
