"""What the foundation knows of file storage: which errors mean it failed.

Apps catch ``STORAGE_ERRORS`` and never need to know which backend the settings chose.
"""

try:
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:  # no object storage installed: only the file system can fail
    STORAGE_ERRORS: tuple[type[Exception], ...] = (OSError,)
else:
    STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)
