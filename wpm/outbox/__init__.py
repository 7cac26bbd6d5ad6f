"""The outbox: every mail the platform sends is a row here first, then a task delivers it.

A view or an admin action sends mail as Django's documentation says (``send_mail``,
``EmailMessage.send``, allauth's own mails); the default mailer (``QueuedEmailBackend``) only
writes the message to the database, in the same transaction as the action that caused it, and
enqueues a delivery task. The task sends it through the ``outbound`` mailer (SMTP in
production, the console in development), retries with back-off while the mail server is away,
and never sends one message twice.
"""
