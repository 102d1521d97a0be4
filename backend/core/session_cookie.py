"""The names the web application's cookie session is built on, shared by both transports
(the GraphQL mutations set the cookie, :mod:`backend.http_auth` reads it)."""

SESSION_COOKIE = "aap_session"
"""The web application's session: the SESSION token of ``login(inCookie: true)``."""

CSRF_HEADER = "X-Requested-With"
"""Any value: what matters is that only a same-origin script can send it."""
