"""Signing up and resetting a password: the account flows that prove a mailbox.

Above accounts (whose users they create or change) and notifications (which mail the codes),
so neither of those has to know the other.
"""
