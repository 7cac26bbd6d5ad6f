"""Signals by which the project lets its apps take part in what it does as a whole."""

from django.dispatch import Signal

# Sent by ``restore`` inside its transaction once the rows are loaded, with ``using`` (the
# database) and ``vendor`` (the database the archive was made from): data an app derives per
# database (search documents) is rebuilt here.
data_restored = Signal()
